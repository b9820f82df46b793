/**
 * `npm ci` and `npm install` run this (the package's `prepare` script): the stylesheet is compiled
 * into its cache then, so the first build of a fresh clone is as quick as the second.
 */
import { compileStyles, SITE_STYLES } from "./styles.ts";
import { PROJECT_ROOT } from "../shared/sitePaths.ts";

await compileStyles(SITE_STYLES, PROJECT_ROOT);

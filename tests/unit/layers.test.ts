import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../helpers/build.ts";

/**
 * The layering rules of README's code map, checked over every import in src/:
 * each folder may import only from itself and the folders listed for it, and
 * only src/eleventy/ may import Eleventy.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  source: ["shared"],
  markdown: ["shared"],
  navigation: ["shared", "source"],
  components: ["shared", "source", "markdown"],
  jekyll: ["shared", "source", "markdown", "components"],
  theme: ["shared", "source", "markdown", "navigation"],
  checks: ["shared", "source"],
  search: ["shared", "source"],
  output: ["shared"],
  assets: ["shared"],
  eleventy: ["shared", "source", "markdown", "navigation", "components", "jekyll", "theme", "checks", "search", "output", "assets"],
  cli: ["shared", "source", "eleventy", "checks", "fix", "versions"],
  // Every release in one site: runs the single-tree build as its own process, so it needs none of the build's layers.
  versions: ["shared"],
  fix: ["shared", "source", "checks", "eleventy"],
  bench: ["shared", "search"],
};

/** Packages only some folders may import: Eleventy, only the Eleventy layer (and the bench's bare Eleventy baseline). */
const ONLY_IN: Readonly<Record<string, readonly string[]>> = { "@11ty/eleventy": ["eleventy", "bench"] };

/** Files outside src/ a folder may import: the Eleventy configuration, which the Eleventy layer runs. */
const OUTSIDE: Readonly<Record<string, readonly string[]>> = { eleventy: [".eleventy.ts"] };

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\bfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g;

interface Violation {
  readonly file: string;
  readonly imports: string;
  readonly rule: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs|js)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every import in `srcDir` that breaks the rules. */
function layerViolations(srcDir: string, layers = LAYERS): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(srcDir)) {
    const shown = path.relative(srcDir, file).split(path.sep).join("/");
    const layer = shown.split("/")[0]!;
    const allowed = layers[layer];
    if (!allowed || !shown.includes("/")) {
      violations.push({ file: shown, imports: "", rule: `src/${layer} is not a layer of the code map: put the file in one, or add the folder to LAYERS and README` });
      continue;
    }
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith(".")) {
        const target = path.relative(srcDir, path.resolve(path.dirname(file), specifier)).split(path.sep).join("/");
        const targetLayer = target.startsWith("..") ? path.relative(path.dirname(srcDir), path.resolve(srcDir, target)).split(path.sep).join("/") : target.split("/")[0]!;
        if (targetLayer !== layer && !allowed.includes(targetLayer) && !(OUTSIDE[layer] ?? []).includes(targetLayer)) {
          violations.push({ file: shown, imports: specifier, rule: `src/${layer} may import only from ${allowed.length ? allowed.map((l) => `src/${l}`).join(", ") : "nothing else in the project"}` });
        }
        continue;
      }
      const pkg = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
      const owners = ONLY_IN[pkg];
      if (owners && !owners.includes(layer)) violations.push({ file: shown, imports: specifier, rule: `only ${owners.map((o) => `src/${o}`).join(" and ")} may import ${pkg}` });
    }
  }
  return violations;
}

describe("layers (README's code map)", () => {
  it("every import in src/ follows the layering rules", () => {
    const found = layerViolations(path.join(ROOT, "src"));
    assert.deepEqual(
      found.map((v) => `src/${v.file} imports "${v.imports}": ${v.rule}`),
      [],
      "move the code to a layer that may use it, or pass what it needs in as an argument",
    );
  });
});

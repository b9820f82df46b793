import type { Diagnostic } from "../shared/diagnostics.ts";
import { html, htmlToText } from "../shared/html.ts";
import { escapingSitePath, projectOutput, servedFile } from "../shared/sitePaths.ts";
import type { ListedPage } from "../source/pages.ts";
import { META_CONTENT_SECURITY_POLICY } from "../shared/securityPolicy.ts";

/** An old URL that must keep working, and the page it now points at (both site paths without the prefix, no leading slash). */
export interface Redirect {
  readonly from: string;
  readonly to: string;
  /** Title of the page it points at, as plain text, for the stub's visible link. */
  readonly title: string;
}

export interface RedirectSources {
  readonly pages: readonly ListedPage[];
  /** `redirects:` of the settings, old path → new path. */
  readonly settings: Readonly<Record<string, string>>;
  /** Shows a page's input path as messages do. */
  readonly displayPath: (inputPath: string) => string;
  /** Line of a `redirects` entry in the settings file. */
  readonly settingsLine: (from: string) => number | undefined;
  /** The settings file as messages name it. */
  readonly settingsFile: string;
  /** Line of a page's `redirect_from` in its source. */
  readonly redirectLine: (inputPath: string) => number | undefined;
}

const sitePath = (url: string): string => servedFile(url.trim());

/**
 * Every redirect of the site: pages' `redirect_from` (the jekyll-redirect-from
 * convention) and the settings' `redirects`. A redirect from a URL a page
 * still has, or to a URL no page has, is left out with a warning.
 */
export function collectRedirects({ pages, settings, displayPath, settingsLine, settingsFile, redirectLine }: RedirectSources): { redirects: Redirect[]; problems: Diagnostic[] } {
  const titles = new Map<string, string>();
  for (const page of pages) if (page.url) titles.set(sitePath(page.url), htmlToText(String(page.data.title ?? page.url)));
  const wanted: { from: string; to: string; file: string; line?: number | undefined }[] = [];
  for (const page of pages) {
    const from = page.data.redirect_from;
    if (!page.url || from === undefined) continue;
    for (const old of Array.isArray(from) ? from : [from]) wanted.push({ from: String(old), to: page.url, file: displayPath(page.inputPath), line: redirectLine(page.inputPath) });
  }
  for (const [from, to] of Object.entries(settings)) wanted.push({ from, to, file: settingsFile, line: settingsLine(from) });

  const redirects = new Map<string, Redirect>();
  const problems: Diagnostic[] = [];
  for (const { from, to, file, line } of wanted) {
    const source = sitePath(from);
    const target = sitePath(to);
    // A stub is a file written at the old URL: it must stay inside the site and off the project's own files.
    const escape = escapingSitePath(from);
    const owned = projectOutput(source);
    if (escape || owned) {
      problems.push({ severity: "error", code: "output-path", file, line, message: `redirect from ${from}: ${escape ? `it has ${escape} and leaves the site's output folder` : `/${source} is ${owned} that the build writes into every site`}, so no stub is written`, hint: "redirect from an old URL of this site, such as old_page.html" });
    } else if (titles.has(source)) {
      problems.push({ severity: "warning", code: "redirect", file, line, message: `redirect from /${source}: a page is published there, so the redirect is left out`, hint: "remove the redirect, or the page at that URL" });
    } else if (!titles.has(target)) {
      problems.push({ severity: "warning", code: "redirect", file, line, message: `redirect from /${source} to /${target}: no page is published at /${target}, so the redirect is left out`, hint: "point the redirect at a page's permalink" });
    } else if (!redirects.has(source)) {
      redirects.set(source, { from: source, to: target, title: titles.get(target)! });
    }
  }
  return { redirects: [...redirects.values()].sort((a, b) => a.from.localeCompare(b.from)), problems };
}

/** The stub published at an old URL: works on any static host (GitHub Pages has no server redirects) and without JavaScript. */
export function redirectPage(redirect: Redirect, url: (sitePath: string) => string): string {
  return redirectStub(url(`/${redirect.to}`), redirect.title);
}

/** A stub page leading to `target` (a URL as written in the page: site path with prefix, or external), titled with the page it leads to. */
export function redirectStub(target: string, title: string): string {
  return html`<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">
  <title>Moved: ${title}</title>
  <meta name="robots" content="noindex">
  <link rel="canonical" href="${target}">
  <meta http-equiv="refresh" content="0; url=${target}">
</head>
<body>
  <p>This page has moved to <a href="${target}">${title}</a>.</p>
</body>
</html>
`.value;
}

/** `_redirects` for hosts that read one (Netlify, Cloudflare Pages): real 301s, so the stubs are never served there. */
export function redirectsFile(redirects: readonly Redirect[], url: (sitePath: string) => string): string {
  // A folder URL is matched as readers type it (`/guides/`), not as the file behind it.
  return redirects.map((r) => `${encodeURI(url(`/${r.from.replace(/(^|\/)index\.html$/, "$1")}`))} ${encodeURI(url(`/${r.to}`))} 301\n`).join("");
}

import { existsSync } from "node:fs";
import path from "node:path";
import type { Sidebar } from "../source/sidebar.ts";
import { didYouMean, type Diagnostic } from "../shared/diagnostics.ts";

/** Every sidebar item must lead to a page (or file) the build wrote; readers would meet a 404 in the menu. */
export function checkSidebarLinks(sidebars: Iterable<Sidebar>, pageNames: readonly string[], outputDir: string): Omit<Diagnostic, "severity">[] {
  const pages = new Set(pageNames);
  const problems: Omit<Diagnostic, "severity">[] = [];
  for (const sidebar of sidebars) {
    for (const [url, line] of sidebar.itemLines) {
      const target = url === "" || url.endsWith("/") ? `${url}index.html` : url;
      if (pages.has(target) || existsSync(path.join(outputDir, target))) continue;
      const suggestion = didYouMean(target, pageNames);
      problems.push({
        code: "sidebar-link",
        file: sidebar.file,
        line,
        message: `sidebar item /${url} points at no page of the site`,
        hint: suggestion ? `did you mean /${suggestion}?` : "correct the url, add the page, or remove the item",
      });
    }
  }
  return problems;
}

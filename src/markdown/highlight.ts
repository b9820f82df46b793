import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { escapeHtml } from "../shared/html.ts";

/** Languages Prism knows under another name in this corpus. */
const ALIASES: Record<string, string> = { shell: "bash", sh: "bash", xml: "markup", html: "markup", text: "plain", plaintext: "plain", "c#": "csharp", js: "javascript" };

/**
 * Highlights `code` with Prism through the Eleventy syntax-highlight plugin,
 * returning a complete `<pre>` block. Unknown languages are shown plain
 * rather than failing the page.
 */
export function highlightCode(code: string, language: string): string {
  const lang = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
  if (lang && lang !== "plain") {
    try {
      return syntaxHighlight.pairedShortcode(code, lang, "", { lineSeparator: "\n", errorOnInvalidLanguage: true });
    } catch {
      // Prism has no grammar for this language: fall through to plain text.
    }
  }
  const cls = `language-${escapeHtml(lang || "plain")}`;
  return `<pre class="${cls}" tabindex="0"><code class="${cls}">${escapeHtml(code)}</code></pre>`;
}

import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { escapeHtml } from "../shared/html.ts";

/** Languages Prism knows under another name in this corpus. */
const ALIASES: Record<string, string> = { shell: "bash", sh: "bash", xml: "markup", html: "markup", text: "plain", plaintext: "plain", "c#": "csharp", js: "javascript" };

/**
 * Highlights `code` with Prism through the Eleventy syntax-highlight plugin,
 * returning a complete `<pre>` block. Unknown languages are shown plain
 * rather than failing the page. With `lineNumbers` (`{% highlight json linenos %}`)
 * the numbers stand in a column of their own before the code, as rouge's gutter
 * does, but hidden from screen readers, search and selection, so copying the
 * code copies no numbers (tests/fidelity/differences.ts, highlight-line-numbers).
 */
export function highlightCode(code: string, language: string, { lineNumbers = false } = {}): string {
  const block = highlightBlock(code, language);
  if (!lineNumbers) return block;
  const numbers = code.split("\n").map((_, i) => i + 1).join("\n");
  return block.replace(/^<pre class="([^"]*)"([^>]*)>/, (_, cls: string, rest: string) => `<pre class="${cls} app-code--numbered"${rest}><span class="app-code__numbers" aria-hidden="true" data-pagefind-ignore>${numbers}</span>`);
}

function highlightBlock(code: string, language: string): string {
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

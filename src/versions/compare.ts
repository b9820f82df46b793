import { diffArrays, diffLines, diffWords } from "diff";
import { parse, type HTMLElement } from "node-html-parser";
import { html, raw, type SafeHtml } from "../shared/html.ts";

/** One block of a page's main content, compared as what it is: prose by words, code by lines, tables by rows and cells. */
type Block = { readonly kind: "text"; readonly tag: string; readonly text: string } | { readonly kind: "code"; readonly text: string } | { readonly kind: "table"; readonly rows: readonly (readonly string[])[] };

const squash = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The content's blocks in order: lists and block quotes give one block per item, so one changed item does not mark the list. */
export function contentBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  const walk = (parent: HTMLElement): void => {
    for (const node of parent.childNodes) {
      if (node.nodeType !== 1) {
        const text = squash(node.textContent);
        if (text) blocks.push({ kind: "text", tag: "p", text });
        continue;
      }
      const el = node as HTMLElement;
      const tag = el.tagName.toLowerCase();
      if (tag === "pre") blocks.push({ kind: "code", text: el.textContent.replace(/\n$/, "") });
      else if (tag === "table") blocks.push({ kind: "table", rows: el.querySelectorAll("tr").map((tr) => tr.querySelectorAll("th, td").map((cell) => squash(cell.textContent))) });
      else if (["ul", "ol", "div", "blockquote", "dl", "section", "details", "figure"].includes(tag)) walk(el);
      else {
        const text = squash(el.textContent);
        if (text) blocks.push({ kind: "text", tag: /^h[1-6]$|^li$|^dt$|^dd$/.test(tag) ? tag : "p", text });
      }
    }
  };
  // Code blocks are parsed too (node-html-parser keeps a <pre> as raw text by default): they are compared by their text.
  walk(parse(content, { blockTextElements: { script: true, style: true } }));
  return blocks;
}

const keyOf = (block: Block): string => (block.kind === "table" ? `table:${block.rows.map((r) => r.join("\t")).join("\n")}` : `${block.kind}:${block.text}`);

const DELETED = raw('<span class="nhsuk-u-visually-hidden">[deleted: </span>');
const INSERTED = raw('<span class="nhsuk-u-visually-hidden">[inserted: </span>');
const END = raw('<span class="nhsuk-u-visually-hidden">]</span>');

/** Words deleted and inserted, each said in words for screen readers and struck through or underlined on screen, not by colour alone. */
function wordDiff(before: string, after: string): SafeHtml {
  return html`${diffWords(before, after).map((part) =>
    part.removed ? html`<del class="app-diff__del">${DELETED}${part.value}${END}</del>` : part.added ? html`<ins class="app-diff__ins">${INSERTED}${part.value}${END}</ins>` : part.value,
  )}`;
}

function codeDiff(before: string, after: string): SafeHtml {
  const lines = diffLines(`${before}\n`, `${after}\n`).flatMap((part) => part.value.replace(/\n$/, "").split("\n").map((line) => ({ line, added: part.added, removed: part.removed })));
  return html`<pre class="app-diff__code"><code>${lines.map(({ line, added, removed }) =>
    removed ? html`<del class="app-diff__del">${DELETED}- ${line}${END}</del>\n` : added ? html`<ins class="app-diff__ins">${INSERTED}+ ${line}${END}</ins>\n` : html`  ${line}\n`,
  )}</code></pre>`;
}

function tableDiff(before: readonly (readonly string[])[], after: readonly (readonly string[])[]): SafeHtml {
  const rows: SafeHtml[] = [];
  const changes = diffArrays(before.map((r) => r.join("\t")), after.map((r) => r.join("\t")));
  for (let i = 0; i < changes.length; i++) {
    const part = changes[i]!;
    const next = changes[i + 1];
    const cells = (values: readonly string[], mark: (v: string) => SafeHtml | string): SafeHtml => html`<tr>${values.map((v) => html`<td>${mark(v)}</td>`)}</tr>`;
    if (part.removed && next?.added) {
      // A changed row: its cells compared word by word.
      part.value.forEach((old, r) => {
        const fresh = next.value[r];
        const oldCells = old.split("\t");
        if (fresh === undefined) rows.push(cells(oldCells, (v) => html`<del class="app-diff__del">${DELETED}${v}${END}</del>`));
        else {
          const newCells = fresh.split("\t");
          rows.push(html`<tr>${Array.from({ length: Math.max(oldCells.length, newCells.length) }, (_, c) => html`<td>${wordDiff(oldCells[c] ?? "", newCells[c] ?? "")}</td>`)}</tr>`);
        }
      });
      next.value.slice(part.value.length).forEach((row) => rows.push(cells(row.split("\t"), (v) => html`<ins class="app-diff__ins">${INSERTED}${v}${END}</ins>`)));
      i++;
    } else {
      for (const row of part.value) {
        const values = row.split("\t");
        rows.push(part.removed ? cells(values, (v) => html`<del class="app-diff__del">${DELETED}${v}${END}</del>`) : part.added ? cells(values, (v) => html`<ins class="app-diff__ins">${INSERTED}${v}${END}</ins>`) : cells(values, (v) => v));
      }
    }
  }
  return html`<div class="app-diff__table"><table class="nhsuk-table">${rows}</table></div>`;
}

function whole(block: Block, mark: "ins" | "del"): SafeHtml {
  if (block.kind === "code") return mark === "del" ? codeDiff(block.text, "") : codeDiff("", block.text);
  if (block.kind === "table") return mark === "del" ? tableDiff(block.rows, []) : tableDiff([], block.rows);
  return mark === "del" ? html`<p class="app-diff__block">${wordDiff(block.text, "")}</p>` : html`<p class="app-diff__block">${wordDiff("", block.text)}</p>`;
}

function paired(before: Block, after: Block): SafeHtml {
  if (before.kind === "code" && after.kind === "code") return codeDiff(before.text, after.text);
  if (before.kind === "table" && after.kind === "table") return tableDiff(before.rows, after.rows);
  if (before.kind === "text" && after.kind === "text") return html`<p class="app-diff__block">${wordDiff(before.text, after.text)}</p>`;
  return html`${whole(before, "del")}${whole(after, "ins")}`;
}

/**
 * A readable comparison of two renderings of a page's main content: blocks
 * aligned, then each changed block compared as prose, code or a table.
 * Unchanged blocks are shown too, so the changes read in context.
 */
export function compareContent(before: string, after: string): { readonly html: string; readonly inserted: number; readonly deleted: number } {
  const a = contentBlocks(before);
  const b = contentBlocks(after);
  const out: SafeHtml[] = [];
  let ai = 0;
  let bi = 0;
  const changes = diffArrays(a.map(keyOf), b.map(keyOf));
  for (let i = 0; i < changes.length; i++) {
    const part = changes[i]!;
    const count = part.value.length;
    if (!part.added && !part.removed) {
      for (const block of b.slice(bi, bi + count)) out.push(paired(block, block));
      ai += count;
      bi += count;
    } else if (part.removed && changes[i + 1]?.added) {
      const added = changes[i + 1]!.value.length;
      const olds = a.slice(ai, ai + count);
      const news = b.slice(bi, bi + added);
      for (let k = 0; k < Math.max(olds.length, news.length); k++) {
        const o = olds[k];
        const n = news[k];
        out.push(o && n ? paired(o, n) : o ? whole(o, "del") : whole(n!, "ins"));
      }
      ai += count;
      bi += added;
      i++;
    } else if (part.removed) {
      for (const block of a.slice(ai, ai + count)) out.push(whole(block, "del"));
      ai += count;
    } else {
      for (const block of b.slice(bi, bi + count)) out.push(whole(block, "ins"));
      bi += count;
    }
  }
  const markup = html`${out}`.value;
  return { html: markup, inserted: markup.split('class="app-diff__ins"').length - 1, deleted: markup.split('class="app-diff__del"').length - 1 };
}

import type { MarkdownIt, StateCore, StateInline } from "markdown-it";
import { forwardMatch } from "./forwardSearch.ts";

/**
 * What kramdown-parser-gfm (gfm.rb) writes where markdown-it writes
 * otherwise: strikethrough as `<del>`, read by gfm.rb's one pattern
 * (`~~` then no space or `~`, up to the first `~~` after a character that is
 * neither), not CommonMark's delimiter runs; task list items (`- [ ]`, `- [x]`) as
 * disabled checkboxes, the item classed `task-list-item` and its list
 * `task-list` (once a list has one, every later item is classed too, as
 * gfm.rb does); and a link's text shows its URL as written (`%20` stays), not
 * decoded.
 */
const TASK = /^\s*\[([ xX])\]\s+/;
const BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />';
const CHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />';

/** gfm.rb's `~~(?!\s|~).*?[^\s~]~~` ends at the first closer after its start: searched once, not from every `~~`. */
const closer = forwardMatch(/[^\s~]~~/);

function strikethrough(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  if (!src.startsWith("~~", state.pos) || /^[\s~]/.test(src[state.pos + 2] ?? "~")) return false;
  const at = closer(src, state.pos + 2);
  const end = at + 3;
  if (at < 0 || end > state.posMax) return false;
  if (!silent) {
    const max = state.posMax;
    state.push("s_open", "del", 1).markup = "~~";
    state.pos += 2;
    state.posMax = end - 2;
    state.md.inline.tokenize(state);
    state.posMax = max;
    state.push("s_close", "del", -1).markup = "~~";
  }
  state.pos = end;
  return true;
}

function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  const openLists: { token: (typeof tokens)[number]; tasks: boolean }[] = [];
  tokens.forEach((token, i) => {
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") openLists.push({ token, tasks: false });
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") {
      const list = openLists.pop();
      if (list?.tasks) list.token.attrJoin("class", "task-list");
    } else if (token.type === "list_item_open") {
      const list = openLists[openLists.length - 1]!;
      const inline = tokens[i + 1]?.type === "paragraph_open" ? tokens[i + 2] : undefined;
      const first = inline?.children?.[0];
      const task = first?.type === "text" ? TASK.exec(first.content) : null;
      if (task && first) {
        first.content = first.content.slice(task[0].length);
        const box = new state.Token("html_inline", "", 0);
        box.content = task[1] === " " ? BOX : CHECKED;
        inline!.children!.unshift(box);
        list.tasks = true;
      }
      if (list.tasks) token.attrJoin("class", "task-list-item");
    }
  });
}

export function gfmPlugin(md: MarkdownIt): void {
  md.normalizeLinkText = (text) => text;
  md.inline.ruler.at("strikethrough", strikethrough);
  md.inline.ruler2.disable("strikethrough");
  md.core.ruler.after("inline", "kramdown_task_lists", taskLists);
}

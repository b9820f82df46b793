import markdownIt, { type MarkdownIt } from "markdown-it";
import { emphasisPlugin } from "./emphasis.ts";
import { endOfBlockPlugin } from "./endOfBlock.ts";
import { escapesPlugin } from "./escapes.ts";
import { abbreviationsPlugin } from "./abbreviations.ts";
import { blockquotesPlugin } from "./blockquotes.ts";
import { codeBlocksPlugin } from "./codeBlocks.ts";
import { codeSpansPlugin } from "./codeSpans.ts";
import { definitionListsPlugin } from "./definitionLists.ts";
import { footnotesPlugin } from "./footnotes.ts";
import { gfmPlugin } from "./gfm.ts";
import { headingIdsPlugin } from "./headingIds.ts";
import { highlightCode } from "./highlight.ts";
import { htmlBlocksPlugin } from "./htmlBlocks.ts";
import { mathPlugin } from "./math.ts";
import { kramdownAttributesPlugin } from "./kramdownAttributes.ts";
import { linkDestinationsPlugin } from "./linkDestinations.ts";
import { linksPlugin } from "./links.ts";
import { listsPlugin } from "./lists.ts";
import { headingsPlugin } from "./headings.ts";
import { tablesPlugin } from "./tables.ts";
import { tocPlugin } from "./toc.ts";
import { typographyPlugin } from "./typography.ts";

/** markdown-it configured to read the kramdown (GFM input) dialect the Jekyll site used. */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, lang) => highlightCode(code.replace(/\n$/, ""), lang.trim() || "plain"),
  });
  return md
    .use(linkDestinationsPlugin)
    .use(linksPlugin)
    .use(htmlBlocksPlugin)
    .use(kramdownAttributesPlugin)
    .use(tablesPlugin)
    .use(mathPlugin)
    .use(escapesPlugin)
    .use(emphasisPlugin)
    .use(codeSpansPlugin)
    .use(gfmPlugin)
    .use(codeBlocksPlugin)
    .use(headingsPlugin)
    .use(listsPlugin)
    .use(blockquotesPlugin)
    .use(endOfBlockPlugin)
    .use(footnotesPlugin)
    .use(definitionListsPlugin)
    .use(abbreviationsPlugin)
    .use(typographyPlugin)
    .use(headingIdsPlugin)
    .use(tocPlugin);
}

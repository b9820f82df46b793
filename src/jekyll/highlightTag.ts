import { toPromise, type Liquid, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import { highlightCode } from "../markdown/highlight.ts";
import type { LiquidTagDefinition } from "./includeTag.ts";

interface HighlightState {
  language: string;
  lineNumbers: boolean;
  templates: Template[];
}

/**
 * Jekyll's `{% highlight LANG %}…{% endhighlight %}`: a Liquid block, so its body is rendered first (an
 * `{% include x.xml %}` inside shows the file, `{% raw %}` keeps Liquid as text), then highlighted;
 * `linenos` (or `linenos=table`/`inline`) after the language numbers the lines.
 */
export function createHighlightTag(): (liquid: Liquid) => LiquidTagDefinition<HighlightState> {
  return (liquid) => ({
    parse(token: TagToken, remainTokens: TopLevelToken[]) {
      const [language = "", ...options] = token.args.trim().split(/\s+/);
      this.language = language;
      this.lineNumbers = options.some((option) => /^linenos\b/.test(option));
      this.templates = [];
      let closed = false;
      const stream = liquid.parser.parseStream(remainTokens);
      stream
        .on("tag:endhighlight", () => {
          closed = true;
          stream.stop();
        })
        .on("template", (template: Template) => this.templates.push(template))
        .on("end", () => {
          if (!closed) throw new Error(`tag {% highlight ${this.language} %} is never closed: add {% endhighlight %}`);
        });
      stream.start();
    },
    async render(ctx) {
      const code = String(await toPromise(liquid.renderer.renderTemplates(this.templates, ctx)));
      return highlightCode(code.replace(/^\s*\n/, "").trimEnd(), this.language || "plain", { lineNumbers: this.lineNumbers });
    },
  });
}

import type { Liquid, TagToken, TopLevelToken } from "liquidjs";
import { highlightCode } from "../markdown/highlight.ts";
import type { LiquidTagDefinition } from "./includeTag.ts";

interface HighlightState {
  language: string;
  code: string;
}

/** Jekyll's `{% highlight LANG %}…{% endhighlight %}`: the raw text between the tags, highlighted. */
export function createHighlightTag(): (liquid: Liquid) => LiquidTagDefinition<HighlightState> {
  return (liquid) => ({
    parse(token: TagToken, remainTokens: TopLevelToken[]) {
      this.language = token.args.trim().split(/\s+/)[0] ?? "";
      const parts: string[] = [];
      let closed = false;
      const stream = liquid.parser.parseStream(remainTokens);
      stream
        .on("token", (inner: TopLevelToken & { name?: string }) => {
          if (inner.name === "endhighlight") {
            closed = true;
            stream.stop();
          } else {
            parts.push(inner.getText());
          }
        })
        .on("end", () => {
          if (!closed) throw new Error(`tag {% highlight ${this.language} %} is never closed: add {% endhighlight %}`);
        });
      stream.start();
      this.code = parts.join("").replace(/^\s*\n/, "").trimEnd();
    },
    render() {
      return highlightCode(this.code, this.language || "plain");
    },
  });
}

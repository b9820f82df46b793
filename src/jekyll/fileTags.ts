import type { Liquid } from "liquidjs";
import type { LiquidTagDefinition } from "./includeTag.ts";

/**
 * LiquidJS tags that read a template file by a path the page writes (`render`, `layout`), which Jekyll's
 * Liquid does not offer to pages: a tree reads files only through `include` and `include_relative`, whose
 * paths are checked to stay inside the tree. Each is an error where it is used.
 */
export const FILE_TAGS = ["render", "layout"] as const;

export function createRefusedFileTag(name: string): (liquid: Liquid) => LiquidTagDefinition<Record<string, never>> {
  return () => ({
    parse() {
      throw new Error(`{% ${name} %} is not a Jekyll tag: pages read other files only with {% include %} (from _includes/) or {% include_relative %}`);
    },
    render() {
      return "";
    },
  });
}

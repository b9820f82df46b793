declare module "@11ty/eleventy-plugin-syntaxhighlight" {
  import type UserConfig from "@11ty/eleventy/UserConfig";
  interface SyntaxHighlightPlugin {
    (eleventyConfig: UserConfig, options?: Record<string, unknown>): void;
    pairedShortcode(content: string, language: string, highlightLines?: string, options?: Record<string, unknown>): string;
  }
  const plugin: SyntaxHighlightPlugin;
  export default plugin;
}

declare module "@11ty/eleventy-navigation" {
  import type UserConfig from "@11ty/eleventy/UserConfig";
  export interface NavigationEntry {
    key: string;
    title: string;
    url?: string;
    pluginType: "eleventy-navigation";
    parentKey?: string;
    children: NavigationEntry[];
    data?: Record<string, unknown>;
  }
  export interface NavigationItem {
    data: { eleventyNavigation: { key: string; parent?: string; title?: string; url?: string; order?: number } & Record<string, unknown> };
    url?: string;
  }
  const plugin: {
    (eleventyConfig: UserConfig): void;
    navigation: {
      find(items: NavigationItem[], activeKey?: string, options?: Record<string, unknown>): NavigationEntry[];
      findBreadcrumbEntries(items: NavigationItem[], activeKey: string, options?: Record<string, unknown>): NavigationEntry[];
    };
  };
  export default plugin;
}

declare module "@11ty/eleventy" {
  import type UserConfig from "@11ty/eleventy/UserConfig";
  interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    pathPrefix?: string;
    runMode?: "build" | "watch" | "serve";
    config?: (eleventyConfig: UserConfig) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
    init(): Promise<void>;
    setIsVerbose(verbose: boolean): void;
    stopWatch(): Promise<void>;
    disableLogger(): void;
    /** Public API (Eleventy.js), the programmatic form of `--incremental`. */
    setIncrementalBuild(incremental: boolean): void;
  }
}

declare module "markdown-it-footnote" {
  import type { MarkdownIt } from "markdown-it";
  const footnote: (md: MarkdownIt) => void;
  export default footnote;
}

declare module "markdown-it-abbr" {
  import type { MarkdownIt } from "markdown-it";
  const abbr: (md: MarkdownIt) => void;
  export default abbr;
}

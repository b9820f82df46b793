import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { temporaryFolder } from "./build.ts";

/** A small documentation tree: file path → text. */
type Tree = Record<string, string | null>;

const page = (title: string, permalink: string, body: string): string => `---\ntitle: ${title}\npermalink: ${permalink}\nsidebar: overview_sidebar\n---\n\n${body}\n`;

const sidebar = (items: readonly [string, string][]): string =>
  `entries:\n- title: Widget Spec\n  folders:\n  - title: Overview\n    output: web\n    folderitems:\n${items.map(([title, url]) => `    - title: ${title}\n      url: /${url}\n      output: web\n`).join("")}`;

const API_1 = "The API answers requests.\n\n```json\n{ \"status\": \"ok\" }\n```\n\n| Field | Type |\n|---|---|\n| id | string |\n| size | number |\n";
const API_2 = "The API answers requests.\n\n```json\n{ \"status\": \"ok\", \"size\": 5 }\n```\n\n| Field | Type |\n|---|---|\n| id | string |\n| size | integer |\n";

const base: Tree = {
  "_config.yml": "site_title: Widget Spec\ncompany_name: Widget Foundation\nbaseurl: /old-base\nurl: https://stale.example.org\nsitemap: false\ndefaults:\n  - scope: { path: \"\" }\n    values: { layout: page, sidebar: overview_sidebar }\n",
  "_includes/custom/versionconfig.html": '{% assign widgetspecVersion = "1.0.0" %}\n{% assign versionBanner = "version_current" %}\n',
  "_includes/version_current.html": '<div class="alert alert-warning" role="alert">This is the current version (a stale baked-in banner).</div>\n',
  "index.md": page("Home", "index.html", "The specification's home page. See the [guide](guide.html)."),
  "pages/guide.md": page("Guide", "guide.html", "Send the request with a valid token and wait for the answer."),
  "pages/old.md": page("Old page", "old.html", "This page is retired later."),
  "pages/start.md": page("Getting started", "start.html", "Start here."),
  "pages/api.md": page("The API", "api.html", API_1),
  "_data/sidebars/overview_sidebar.yml": sidebar([["Home", "index.html"], ["Guide", "guide.html"], ["Old page", "old.html"], ["Getting started", "start.html"], ["The API", "api.html"]]),
};

/** 1.1.0: guide reworded, old.html removed, new.html added, start.html renamed getting_started.html. */
const v110: Tree = {
  ...base,
  "_includes/custom/versionconfig.html": '{% assign widgetspecVersion = "1.1.0" %}\n{% assign versionBanner = "version_current" %}\n',
  "pages/guide.md": page("Guide", "guide.html", "Send the request with a signed token and wait for the answer."),
  "pages/old.md": null,
  "pages/start.md": null,
  "pages/getting_started.md": page("Getting started", "getting_started.html", "Start here."),
  "pages/new.md": page("New page", "new.html", "A page new in 1.1.0."),
  "_data/sidebars/overview_sidebar.yml": sidebar([["Home", "index.html"], ["Guide", "guide.html"], ["Getting started", "getting_started.html"], ["New page", "new.html"], ["The API", "api.html"]]),
};

/** 2.0.0: the API's code block and table change, extra.html added. */
const v200: Tree = { ...v110, "pages/api.md": page("The API", "api.html", API_2), "pages/extra.md": page("Extra", "extra.html", "More to read.") };

/** 1.0.1: a fix on 1.0.0, beside 1.1.0 (not its descendant). */
const v101: Tree = { ...base, "pages/guide.md": page("Guide", "guide.html", "Send the request with a valid token and wait for the reply. See [the gone page](gone.html).") };

export interface VersionsRepo {
  /** The repository (with a work tree, which the build must leave alone). */
  readonly repo: string;
  /** The versions file beside it. */
  readonly versionsFile: string;
  /** Commits a change to one page on a branch. */
  change(branch: string, file: string, text: string): void;
}

/**
 * A git repository made at run time: release/1.0.0, then release/1.1.0 and
 * release/2.0.0 on from it, release/1.0.1 branched off 1.0.0 after 1.1.0 (so
 * not a descendant of the branch listed before it), and develop holding
 * 2.0.0's tree in a commit of its own.
 */
export function makeVersionsRepo(): VersionsRepo {
  const root = temporaryFolder("gpc-versions-");
  const repo = path.join(root, "spec");
  mkdirSync(repo);
  // Commits a day apart, in the order made: "made before" is then certain, as in a real history, and a page's
  // last-commit date (1 January 2024 for 1.0.0, 2 January for 1.1.0, …) says which commit last changed it.
  let day = 0;
  const git = (...args: string[]): string => {
    if (args[0] === "commit") day++;
    const date = new Date(Date.UTC(2024, 0, day)).toISOString();
    const env = { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.org", GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    return execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", env });
  };
  const commit = (tree: Tree, message: string): void => {
    for (const [file, text] of Object.entries(tree)) {
      const full = path.join(repo, file);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
  };
  git("init", "-q", "-b", "release/1.0.0");
  commit(base, "1.0.0");
  git("checkout", "-q", "-b", "release/1.1.0");
  commit(v110, "1.1.0");
  git("checkout", "-q", "-b", "release/2.0.0");
  commit(v200, "2.0.0");
  git("checkout", "-q", "-b", "develop");
  git("commit", "-q", "--allow-empty", "-m", "develop: same tree as 2.0.0");
  git("checkout", "-q", "release/1.0.0");
  git("checkout", "-q", "-b", "release/1.0.1");
  commit(v101, "1.0.1");
  // The work tree is left on an unrelated branch with an uncommitted file: the build must read refs, not this.
  git("checkout", "-q", "release/2.0.0");
  writeFileSync(path.join(repo, "work-in-progress.md"), "not committed\n");
  const versionsFile = path.join(root, "versions.yml");
  writeFileSync(
    versionsFile,
    [
      "repository: ./spec",
      "url: https://widgets.example.org",
      "renamed: { start.html: getting_started.html }",
      "versions:",
      '  - { id: "2.0.0", label: "2.0.0", status: current, line: "Widget API", ref: release/2.0.0 }',
      '  - { id: "next", label: "Next (draft)", status: draft, line: "Widget API", ref: develop }',
      '  - { id: "1.1.0", label: "1.1.0", status: supported, line: "Widget API", ref: release/1.1.0 }',
      '  - { id: "1.0.1", label: "1.0.1", status: supported, line: "Widget API", ref: release/1.0.1 }',
      '  - { id: "1.0.0", label: "1.0.0", status: retired, line: "Widget API", ref: release/1.0.0 }',
      "",
    ].join("\n"),
  );
  return {
    repo,
    versionsFile,
    change(branch, file, text) {
      const current = git("rev-parse", "--abbrev-ref", "HEAD").trim();
      git("stash", "-q", "-u");
      git("checkout", "-q", branch);
      writeFileSync(path.join(repo, file), text);
      git("commit", "-q", "-am", `change ${file}`);
      git("checkout", "-q", current);
      git("stash", "pop", "-q");
    },
  };
}

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildInBackground, listFiles, ROOT, temporaryFolder, type BuildResult } from "../helpers/build.ts";

/**
 * A tree is untrusted input (README "Safety model"). Each class of hostile tree is built in a sandbox
 * folder holding the tree, a folder outside it with a unique marker, and the output; links are made here,
 * at run time. Every build must: run nothing (no marker file appears), publish nothing from outside the
 * tree, write nothing outside the output, leave the project and the tree as they were, and name the fault.
 */
const MARKER = "OUTSIDE-THE-TREE-7f3a9c";

interface Sandbox {
  readonly root: string;
  readonly tree: string;
  readonly outside: string;
  readonly output: string;
  /** Files that code run by the build would create. */
  readonly ranMarker: string;
}

/** A sandbox with the tree's files and links (link path in the tree → target, `OUTSIDE/…` for the outside folder). */
function sandbox(files: Record<string, string>, links: Record<string, string> = {}): Sandbox {
  const root = temporaryFolder("gpc-hostile-");
  const tree = path.join(root, "tree");
  const outside = path.join(root, "outside");
  const ranMarker = path.join(root, "ran");
  mkdirSync(path.join(outside, "folder"), { recursive: true });
  writeFileSync(path.join(outside, "secret.txt"), `${MARKER} text\n`);
  writeFileSync(path.join(outside, "secret.yml"), `title: ${MARKER}\n`);
  writeFileSync(path.join(outside, "post.md"), `---\ntitle: ${MARKER}\n---\n${MARKER} post\n`);
  writeFileSync(path.join(outside, "folder", "page.md"), `---\ntitle: ${MARKER}\n---\n${MARKER} page\n`);
  writeFileSync(path.join(outside, "folder", "file.txt"), `${MARKER} file\n`);
  writeFileSync(path.join(outside, "folder", "e.11ty.cjs"), `require("node:fs").writeFileSync(${JSON.stringify(ranMarker)}, "x"); module.exports = () => "";\n`);
  for (const [file, text] of Object.entries({ "index.md": "---\ntitle: Home\n---\nHome page.\n", ...files })) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), text.replaceAll("RAN_MARKER", JSON.stringify(ranMarker)));
  }
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(tree, link)), { recursive: true });
    symlinkSync(target.replace(/^OUTSIDE/, outside), path.join(tree, link));
  }
  return { root, tree, outside, output: path.join(root, "site"), ranMarker };
}

const digest = (folder: string): string => {
  const hash = createHash("sha256");
  for (const file of listFiles(folder).sort()) hash.update(file).update(readFileSync(path.join(folder, file)));
  return hash.digest("hex");
};

/** The project's own files a build must never change: its CLI, configuration and sources. */
const projectDigest = (): string => ["bin", "src", "_includes"].map((folder) => digest(path.join(ROOT, folder))).join() + digest(path.join(ROOT, "assets"));

interface HostileBuild {
  readonly site: BuildResult;
  readonly strict: BuildResult;
  /** What the build printed, both streams. */
  readonly log: string;
}

/** Builds the sandbox's tree, then again with --strict, and checks everything a hostile build must never do. */
async function buildHostile(box: Sandbox): Promise<HostileBuild> {
  const project = projectDigest();
  const source = digest(box.tree);
  const outside = digest(box.outside);
  const site = await buildInBackground(box.tree, [], box.output);
  const strict = await buildInBackground(box.tree, ["--strict"], `${box.output}-strict`);
  assert.equal(existsSync(box.ranMarker), false, "no code of the tree ran");
  assert.deepEqual(readdirSync(box.root).sort(), ["outside", "site", "site-strict", "tree"].filter((name) => existsSync(path.join(box.root, name))), "nothing was written beside the output");
  for (const output of [box.output, `${box.output}-strict`].filter(existsSync)) {
    for (const file of listFiles(output)) assert.doesNotMatch(readFileSync(path.join(output, file), "latin1"), new RegExp(MARKER), `${file} holds nothing from outside the tree`);
  }
  assert.equal(digest(box.outside), outside, "the folder outside the tree is untouched");
  assert.equal(digest(box.tree), source, "the tree is untouched");
  assert.equal(projectDigest(), project, "the project's files are untouched");
  return { site, strict, log: site.stdout + site.stderr };
}

const CODE = "range.constructor(\"import('node:fs').then((fs) => fs.writeFileSync(RAN_MARKER, 'x'))\")()";

describe("a hostile tree cannot run code", () => {
  let run: HostileBuild;
  /** The same kinds of file where Jekyll copies them (no front matter): a build with warnings only. */
  let files: HostileBuild;
  before(async () => {
    const box = sandbox(
      {
        "evil.njk": `---\ntitle: Nunjucks\n---\n{{ ${CODE} }}\n`,
        "override.md": `---\ntitle: Override\ntemplateEngineOverride: njk,md\n---\n{{ ${CODE} }}\n`,
        "computed.md": "---\ntitle: Computed\neleventyComputed:\n  title: \"{{ 'x' }}\"\n---\nComputed.\n",
      },
    );
    run = await buildHostile(box);
    files = await buildHostile(
      sandbox(
        {
          "plain.njk": `{{ ${CODE} }}\n`,
          "jsfront.md": "---js\n{ title: (require('node:fs').writeFileSync(RAN_MARKER, 'x'), 't') }\n---\nx\n",
          "legacy.md": "---jsLegacy\n{ title: (require('node:fs').writeFileSync(RAN_MARKER, 'x'), 't') }\n---\nx\n",
          "_scripts/e.11ty.cjs": "require('node:fs').writeFileSync(RAN_MARKER, 'x'); module.exports = () => '';\n",
          "top.11ty.js": "require('node:fs').writeFileSync(RAN_MARKER, 'x'); module.exports = () => '';\n",
          "data.11tydata.js": "require('node:fs').writeFileSync(RAN_MARKER, 'x'); module.exports = {};\n",
          "_gpconnect-docs-layouts/layouts/page.11ty.js": "require('node:fs').writeFileSync(RAN_MARKER, 'x'); module.exports = () => '';\n",
          "_developer-journey/stage.md": "---js\n{ name: (require('node:fs').writeFileSync(RAN_MARKER, 'x'), 'n') }\n---\nx\n",
        },
        { pub: "_scripts", "linked.11ty.cjs": "OUTSIDE/folder/e.11ty.cjs", "alias.md": "index.md" },
      ),
    );
  });

  it("renders a .njk page with front matter as Liquid (as Jekyll) and copies one without it", () => {
    assert.match(run.log, /evil\.njk:4: error \[liquid-syntax\]/);
    assert.equal(run.site.exists("evil.njk"), false, "the broken page is left out");
    assert.equal(files.site.status, 0, files.log);
    assert.match(files.site.read("plain.njk"), /range\.constructor/, "copied byte for byte, never run");
  });

  it("ignores Eleventy's front-matter keys, with a warning at their line", () => {
    assert.match(run.log, /override\.md:3: warning \[eleventy-key\] templateEngineOverride is an Eleventy setting/);
    assert.match(run.log, /computed\.md:3: warning \[eleventy-key\] eleventyComputed/);
  });

  it("copies JavaScript templates as files and never walks a linked folder", () => {
    assert.ok(files.site.exists("top.11ty.js") && files.site.exists("data.11tydata.js") && files.site.exists("jsfront.md"), "static files, as Jekyll copies them");
    assert.match(files.log, /pub: warning \[symlink-folder\]/);
    assert.match(files.log, /linked\.11ty\.cjs: warning \[symlink-outside-tree\]/);
    assert.equal(files.site.exists("pub/e.11ty.cjs"), false);
    assert.equal(files.site.exists("linked.11ty.cjs"), false);
  });

  it("names a link to a file inside the tree, and does not follow it", () => {
    assert.match(files.log, /alias\.md: warning \[symlink-file\] alias\.md is a symbolic link to index\.md: links are never followed, so it is not published/);
    assert.equal(files.site.exists("alias.html"), false);
  });

  it("fails under --strict exactly because of those warnings and errors", () => {
    assert.equal(run.site.status, 1, "the Liquid error fails the build");
    assert.equal(files.strict.status, 1, "the link warnings fail --strict");
    assert.match(files.strict.stdout + files.strict.stderr, /--strict fails on warnings/);
  });
});

describe("a hostile tree cannot read outside itself", () => {
  let run: HostileBuild;
  /** Links a build warns about and goes on without. */
  let quiet: HostileBuild;
  before(async () => {
    const box = sandbox(
      {
        "relative.md": "---\ntitle: Relative\n---\n{% include_relative leak.txt %}\n",
        "include.md": "---\ntitle: Include\n---\n{% include leak.html %}\n",
        "folder.md": "---\ntitle: Folder\n---\n{% include linked/file.txt %}\n",
        "render.md": '---\ntitle: Render\n---\n{% render "../outside/secret.txt" %}\n',
      },
      {
        "leak.txt": "OUTSIDE/secret.txt",
        "_includes/leak.html": "OUTSIDE/secret.txt",
        "_includes/linked": "OUTSIDE/folder",
      },
    );
    run = await buildHostile(box);
    quiet = await buildHostile(
      sandbox({ "data.md": "---\ntitle: Data\n---\n{{ site.data.leak.title }} {{ site.title }}\n" }, {
        "_data/leak.yml": "OUTSIDE/secret.yml",
        "_posts/2020-01-01-leak.md": "OUTSIDE/post.md",
        "_config.yml": "OUTSIDE/secret.yml",
        "_gpconnect-docs.yml": "OUTSIDE/secret.yml",
        "_includes/custom/versionconfig.html": "OUTSIDE/secret.txt",
        pages: "OUTSIDE/folder",
        "static.txt": "OUTSIDE/secret.txt",
      }),
    );
  });

  it("names every link that leaves the tree, and reads none of them", () => {
    for (const link of ["leak.txt", "_includes/leak.html", "_includes/linked"]) {
      assert.match(run.log, new RegExp(`^  ${link.replace(/\./g, "\\.")}: warning \\[symlink-outside-tree\\]`, "m"));
    }
    for (const link of ["_data/leak.yml", "_posts/2020-01-01-leak.md", "_config.yml", "_gpconnect-docs.yml", "_includes/custom/versionconfig.html", "pages", "static.txt"]) {
      assert.match(quiet.log, new RegExp(`^  ${link.replace(/\./g, "\\.")}: warning \\[symlink-outside-tree\\] ${link.replace(/\./g, "\\.")} is a symbolic link to .*outside the tree`, "m"));
    }
  });

  it("makes an include of an outside file an error at its line, and refuses Liquid's own file tags", () => {
    assert.match(run.log, /relative\.md:4: error \[unknown-include\] include_relative "leak\.txt" is a symbolic link leading outside the tree/);
    assert.match(run.log, /include\.md:4: error \[unknown-include\] include "leak\.html" is a symbolic link leading outside the tree/);
    assert.match(run.log, /folder\.md:4: error \[unknown-include\] include "linked\/file\.txt" is a symbolic link leading outside the tree/);
    assert.match(run.log, /render\.md:4: error \[liquid-syntax\] \{% render %\} is not a Jekyll tag/);
  });

  it("publishes no post, page or file from outside, and fails under --strict on those warnings alone", () => {
    assert.equal(quiet.site.status, 0, quiet.log);
    assert.ok(quiet.site.exists("data.html"));
    assert.deepEqual(listFiles(quiet.site.output).filter((file) => /^(_posts|pages|static\.txt|20)/.test(file)), []);
    assert.equal(quiet.strict.status, 1);
  });
});

describe("a hostile tree cannot write outside the output or over the site's own files", () => {
  let run: HostileBuild;
  before(async () => {
    const box = sandbox({
      "dotdot.md": "---\ntitle: Dots\npermalink: ../escaped-dotdot.html\n---\nx\n",
      "encoded.md": "---\ntitle: Encoded\npermalink: /%2e%2e/escaped-encoded.html\n---\nx\n",
      "slash.md": "---\ntitle: Slash\npermalink: /..%2fescaped-slash.html\n---\nx\n",
      "redirect.md": '---\ntitle: Redirect\nredirect_from: ["../../escaped-redirect.html", "old.html"]\n---\nx\n',
      "redirect_to.md": "---\ntitle: To\nredirect_to: /../../x.html\n---\nx\n",
      "script.md": "---\ntitle: Script\nlayout: none\npermalink: /assets/site.js\n---\nwindow.hacked = 1\n",
      "search.md": "---\ntitle: Pagefind\npermalink: /pagefind/pagefind.js\n---\nx\n",
      "redirects.md": '---\ntitle: Stub\nredirect_from: ["_redirects"]\n---\nx\n',
    });
    run = await buildHostile(box);
  });

  it("makes each escaping permalink, redirect_from and redirect_to an error at its line", () => {
    assert.equal(run.site.status, 1);
    assert.match(run.log, /dotdot\.md:3: error \[output-path\] dotdot\.md would be written at \/\.\.\/escaped-dotdot\.html, which has a \.\. segment/);
    assert.match(run.log, /encoded\.md:3: error \[output-path\] .*has a \.\. segment/);
    assert.match(run.log, /slash\.md:3: error \[output-path\] .*has an encoded slash/);
    assert.match(run.log, /redirect\.md:3: error \[output-path\] redirect from \.\.\/\.\.\/escaped-redirect\.html: it has a \.\. segment/);
    assert.match(run.log, /redirect_to\.md:3: error \[output-path\] redirect_to \/\.\.\/\.\.\/x\.html has a \.\. segment and leads outside the site: the page is left out/);
  });

  it("names both the page and the site's own file it would replace, and keeps the site's", () => {
    assert.match(run.log, /script\.md:4: error \[output-path\] script\.md would be written at \/assets\/site\.js, the site's own stylesheet or script/);
    assert.match(run.log, /search\.md:3: error \[output-path\] .*\/pagefind\/pagefind\.js, the search index/);
    assert.match(run.log, /redirects\.md:3: error \[output-path\] redirect from _redirects: \/_redirects is the host's redirects file/);
  });

  it("still publishes the safe redirect", async () => {
    const fine = await buildInBackground(sandbox({ "redirect.md": '---\ntitle: Redirect\nredirect_from: ["old.html"]\n---\nx\n', "script.md": "---\ntitle: Script\nlayout: none\n---\nwindow.x = 1\n" }).tree);
    assert.equal(fine.status, 0, fine.stdout + fine.stderr);
    assert.match(fine.read("old.html"), /url=\/redirect\.html/);
    assert.doesNotMatch(fine.read("assets/site.js"), /window\.x/);
  });
});

describe("the output folder", () => {
  it("may not be, hold or lie inside the tree, hold the project, or be the root; refused before anything is deleted", async () => {
    const box = sandbox({});
    const source = digest(box.tree);
    const cases: [string, RegExp][] = [
      [box.tree, /error \[output\] --output is the source tree/],
      [box.root, /error \[output\] --output holds the source tree/],
      [path.join(box.tree, "_site"), /error \[output\] --output lies inside the source tree/],
      [path.dirname(ROOT), /error \[output\] --output holds this project/],
      ["/", /error \[output\] --output is the root of the file system/],
    ];
    for (const [output, expected] of cases) {
      const site = await buildInBackground(box.tree, [], output);
      assert.equal(site.status, 1, output);
      assert.match(site.stderr, expected);
      assert.doesNotMatch(site.stderr, /^\s+at /m, "no stack trace");
    }
    assert.equal(digest(box.tree), source);
    assert.equal(existsSync(`/.building-${process.pid}`), false);
  });

  it("keeps its .git and the tree's keep_files", async () => {
    const box = sandbox({ "_config.yml": "keep_files: [.git, uploads, ../outside]\n" });
    mkdirSync(path.join(box.output, ".git"), { recursive: true });
    writeFileSync(path.join(box.output, ".git", "HEAD"), "ref: refs/heads/main\n");
    mkdirSync(path.join(box.output, "uploads"));
    writeFileSync(path.join(box.output, "uploads", "kept.txt"), "kept\n");
    writeFileSync(path.join(box.output, "stale.html"), "old\n");
    const site = await buildInBackground(box.tree, [], box.output);
    assert.equal(site.status, 0, site.stdout + site.stderr);
    assert.equal(site.read(".git/HEAD"), "ref: refs/heads/main\n");
    assert.equal(site.read("uploads/kept.txt"), "kept\n");
    assert.equal(site.exists("stale.html"), false, "everything else is replaced");
    assert.ok(existsSync(path.join(box.outside, "secret.txt")), "a keep_files entry leading out of the output moves nothing");
  });
});

describe("clear failures for what a tree gets wrong", () => {
  let run: HostileBuild;
  before(async () => {
    const box = sandbox({
      "index.md": "---\ntitle: Home\nsidebar: s\n---\nHome.\n",
      "_data/sidebars/s.yml": 'entries:\n- title: S\n  folders:\n  - title: F\n    output: web\n    folderitems:\n    - title: Bad\n      external_url: "javascript:alert(1)"\n      output: web\n',
      "search.md": "---\ntitle: Our own search\n---\nOur own search page.\n",
      "pages/missing.md": "---\ntitle: Not found here\npermalink: /404.html\n---\nOur own 404.\n",
    });
    run = await buildHostile(box);
  });

  it("names a script URL in a sidebar at its line and leaves the item out", () => {
    assert.equal(run.site.status, 0, run.log);
    assert.match(run.log, /_data\/sidebars\/s\.yml:8: warning \[sidebar-entry\] sidebar item "Bad" has a script URL \(javascript:\)/);
    assert.doesNotMatch(run.site.read("index.html"), /javascript:/);
    assert.equal(run.strict.status, 1);
  });

  it("publishes the tree's search.html and 404.html, moving the site index aside with the search box", () => {
    assert.match(run.site.read("search.html"), /Our own search page/);
    assert.match(run.site.read("404.html"), /Our own 404/);
    assert.match(run.site.read("site-index.html"), /Site index and search/);
    assert.match(run.site.read("index.html"), /<form class="nhsuk-header__search-form" id="search" action="\/site-index\.html"/);
  });
});

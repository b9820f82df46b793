import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "node-html-parser";
import { components } from "../../src/components/index.ts";
import { componentArgumentNames, readComponentArguments } from "../../src/components/arguments.ts";
import { renderContext } from "../helpers/site.ts";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DiagnosticLog } from "../../src/shared/diagnostics.ts";
import { loadJourney } from "../../src/source/journey.ts";

function render(name: string, args: Record<string, unknown>, options: Parameters<typeof renderContext>[0] = {}) {
  const component = components.get(name);
  assert.ok(component, `component ${name} exists`);
  const context = renderContext(options);
  const parsed = component.args.parse(args);
  const html = component.render(parsed, context);
  // Only what the component said about this page (the fixture tree has faults of its own).
  return { html, warnings: context.log.all().filter((d) => d.file === context.page.file) };
}

describe("callout components", () => {
  const labels: Record<string, string> = { "important.html": "Important:", "note.html": "Note:", "tip.html": "Tip:", "warning.html": "Warning:", "roadmap.html": "Roadmap:", "todo.html": "To do:", "download.html": "Download:" };
  for (const [name, label] of Object.entries(labels)) {
    it(`${name} shows its label in text and renders content as inline Markdown`, () => {
      const root = parse(render(name, { content: "Read [the FAQ](support_faq.html#a) **now** <i>please</i>" }).html);
      assert.equal(root.querySelector(".app-callout__label")?.text, label);
      assert.equal(root.querySelector(".app-callout__body a")?.getAttribute("href"), "support_faq.html#a");
      assert.equal(root.querySelector(".app-callout__body strong")?.text, "now");
    });
  }

  it("callout.html takes a colour type and rejects unknown ones", () => {
    assert.match(render("callout.html", { content: "`https://x`", type: "primary" }).html, /app-callout--primary[\s\S]*<code>https:\/\/x<\/code>/);
    assert.throws(() => components.get("callout.html")!.args.parse({ content: "x", type: "pink" }));
  });

  it("require content", () => {
    assert.equal(components.get("note.html")!.args.safeParse({}).success, false);
  });
});

describe("tooltip.html", () => {
  it("links the term to its glossary entry and carries the sanitised definition", () => {
    const a = parse(render("tooltip.html", { type: "SSP" }).html).querySelector("a")!;
    assert.equal(a.getAttribute("href"), "/overview_glossary.html#ssp");
    assert.equal(a.text, "SSP");
    const definition = a.getAttribute("data-definition") ?? "";
    assert.match(definition, /^Spine Secure Proxy: a forward proxy/);
    assert.doesNotMatch(definition, /script|onclick/);
  });

  it("finds terms written with entities and escapes quotes", () => {
    assert.equal(parse(render("tooltip.html", { type: "FHIR&reg;" }).html).querySelector("a")?.text, "FHIR®");
    const quoted = render("tooltip.html", { type: 'Quote "term"' }).html;
    assert.doesNotMatch(quoted, /javascript:/);
    assert.equal(parse(quoted).querySelector("a")?.text, 'Quote "term"');
  });

  it("applies the path prefix", () => {
    assert.match(render("tooltip.html", { type: "SSP" }, { pathPrefix: "/apis/gpconnect" }).html, /href="\/apis\/gpconnect\/overview_glossary.html#ssp"/);
  });

  it("warns with file, line and a suggestion for an unknown term", () => {
    const { html, warnings } = render("tooltip.html", { type: "SPP" });
    assert.match(html, /SPP/);
    const [warning] = warnings;
    assert.equal(warning?.file, "pages/example.md");
    assert.equal(warning?.line, 3);
    assert.match(warning?.hint ?? "", /did you mean "SSP"/);
  });
});

describe("developer_journey.html", () => {
  it("lists every stage as a link in order, and draws the picture areas for pointer users", () => {
    const root = parse(render("developer_journey.html", {}).html);
    assert.deepEqual(root.querySelectorAll(".app-journey__stages a").map((a) => [a.text, a.getAttribute("href")]), [
      ["First stage", "/guide.html"],
      ["Second stage", "/deep.html"],
    ]);
    const areas = root.querySelectorAll("svg a");
    assert.equal(areas.length, 2);
    assert.equal(areas[1]?.querySelector("rect")?.getAttribute("x"), "100");
    assert.equal(root.querySelector("svg")?.getAttribute("aria-hidden"), "true");
  });

  it("a stage whose coord cannot be read is still listed, warned about, and left off the picture", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gpc-journey-"));
    mkdirSync(path.join(dir, "_developer-journey"));
    writeFileSync(path.join(dir, "_developer-journey/a.md"), '---\nname: Explore\nhref: explore.html\ncoord: "1,2,3,4"\n---\n');
    writeFileSync(path.join(dir, "_developer-journey/b.md"), "---\nname: Build\nhref: build.html\ncoord: left of the picture\n---\n");
    const log = new DiagnosticLog();
    const journey = loadJourney(dir, log);
    rmSync(dir, { recursive: true });
    assert.match(log.all()[0]?.message ?? "", /"Build": coord must be four numbers.*listed but not drawn/);
    const context = renderContext();
    const root = parse(components.get("developer_journey.html")!.render({}, { ...context, site: { ...context.site, journey } }));
    assert.deepEqual(root.querySelectorAll(".app-journey__stages a").map((a) => a.text), ["Explore", "Build"]);
    assert.equal(root.querySelectorAll("svg a").length, 1);
  });
});

describe("image components", () => {
  it("image.html builds a figure with caption, link and width class", () => {
    const root = parse(render("image.html", { file: "a.png", alt: 'A "b"', caption: "*Big* view", url: "images/a.png", "max-width": "47" }).html);
    assert.equal(root.querySelector("img")?.getAttribute("src"), "/images/a.png");
    assert.equal(root.querySelector("img")?.getAttribute("alt"), 'A "b"');
    assert.equal(root.querySelector("figcaption em")?.text, "Big");
    assert.equal(root.querySelector("a")?.getAttribute("href"), "/images/a.png");
    assert.ok(root.querySelector("figure")?.classList.contains("app-figure--max-50"));
  });

  it("image.html neutralises script URLs", () => {
    assert.doesNotMatch(render("image.html", { file: "a.png", url: "javascript:alert(1)" }).html, /javascript:/);
    assert.doesNotMatch(render("image.html", { file: "a.png", url: " java\tscript:alert(1)" }).html, /script:/);
  });

  it("inline_image.html is a plain image", () => {
    assert.equal(parse(render("inline_image.html", { file: "i.png", alt: "icon" }).html).querySelector("img")?.getAttribute("src"), "/images/i.png");
  });
});

describe("other includes", () => {
  it("taglogic.html lists the pages, then the posts, with the page's tag, in the site's order, as the theme's table does", () => {
    const pages = [
      { title: "B page", url: "/b.html", summary: "Bee <b>bold</b>", tags: ["fhir"] },
      { title: "A page", url: "/a.html", tags: ["fhir", "x"] },
      { title: "Other", url: "/o.html", tags: ["x"] },
      { title: "News", url: "/2020/01/01/news.html", summary: "x".repeat(200), tags: ["fhir"], post: true },
      { title: "Notes", url: "/2019/01/01/notes.html", tags: ["fhir"], post: true, content: `<p>${"word ".repeat(60)}</p>` },
    ];
    const table = parse(render("taglogic.html", {}, { tagName: "fhir", pages }).html);
    const rows = table.querySelectorAll("tbody tr").map((r) => r.querySelectorAll("td").map((td) => td.text));
    assert.deepEqual(rows, [
      ["B page", "Page", "Bee bold"],
      ["A page", "Page", ""],
      ["News", "Post", `${"x".repeat(157)}...`],
      ["Notes", "Post", `${"word ".repeat(49)}word...`],
    ]);
    assert.match(table.text, /^The following pages and posts are tagged with fhir/);
  });

  it("taglogic.html warns on a page without tagName, and still prints the theme's sentence and an empty table", () => {
    const { html, warnings } = render("taglogic.html", {}, { pages: [{ title: "A page", url: "/a.html", tags: ["x"] }] });
    assert.equal(warnings[0]?.code, "include-argument");
    assert.match(parse(html).querySelector("p")?.text ?? "", /^The following pages and posts are tagged with/);
    assert.equal(parse(html).querySelectorAll("tbody tr").length, 0);
  });

  it("embedcurl.html shows the titled command, escaped", () => {
    const { html } = render("embedcurl.html", { title: "Find a patient", command: "curl -H 'A: <b>'" });
    assert.equal(parse(html).querySelector("figcaption")?.text, "Find a patient");
    assert.equal(html.replace(/<(?!\/?b>)[^>]+>/g, ""), "Find a patientcurl -H 'A: &lt;b>'");
  });

  it("gitterbadge.html and twitterfollow.html render nothing when the settings turn them off", () => {
    assert.equal(render("gitterbadge.html", {}).html, "");
    assert.equal(render("twitterfollow.html", {}).html, "");
  });

  it("testing/patient_data.html warns when the tree has no patient CSV", () => {
    const { html, warnings } = render("testing/patient_data.html", {});
    assert.equal(html, "");
    assert.match(warnings[0]?.message ?? "", /patient_data/);
  });
});

describe("image.html with the theme's pixel max-width", () => {
  it("keeps the figure, no wider than the pixels asked for (a unit written, or a number over 100)", () => {
    const { html, warnings } = render("image.html", { file: "helpapi.svg", alt: "Help API", caption: "A help API", "max-width": "600" });
    assert.deepEqual(warnings, []);
    assert.match(html, /<figure class="app-figure app-figure--max-px-600"><img src="\/images\/helpapi.svg" alt="Help API" loading="lazy"><figcaption>A help API<\/figcaption><\/figure>/);
    assert.ok(parse(render("image.html", { file: "a.png", "max-width": "200px" }).html).querySelector("figure")?.classList.contains("app-figure--max-px-200"));
    assert.ok(parse(render("image.html", { file: "a.png", "max-width": "30%" }).html).querySelector("figure")?.classList.contains("app-figure--max-30"));

  });

  it("a bare number takes the unit the tree's own image.html appends", () => {
    const withTree = (treeInclude: string) => {
      const component = components.get("image.html")!;
      return parse(component.render(component.args.parse({ file: "a.png", "max-width": "80" }), { ...renderContext(), treeInclude })).querySelector("figure")?.classNames;
    };
    // The theme's own include, then GP Connect's: each tests `{% if {{include.max-width}} %}` first.
    assert.equal(withTree('<img {% if {{include.max-width}} %}style="max-width: {{include.max-width}}px"{% endif %} />'), "app-figure app-figure--max-px-100");
    assert.equal(withTree('<img {% if {{include.max-width}} %}style="max-width: {{include.max-width}}%"{% endif %} />'), "app-figure app-figure--max-80");
  });
});

describe("arguments of the wrong type never cost an include its content", () => {
  const WRONG: Record<string, unknown> = { number: 42, list: ["alpha", "beta"], hash: { a: "b" }, boolean: true, nil: null };
  function renderGiven(name: string, given: Record<string, unknown>) {
    const component = components.get(name)!;
    const context = renderContext();
    const { args, problems } = readComponentArguments(component, given);
    return { html: component.render(args, context), problems };
  }
  for (const [name, component] of components) {
    for (const [kind, value] of Object.entries(WRONG)) {
      it(`${name}: every argument given a ${kind}`, () => {
        const given = Object.fromEntries(componentArgumentNames(component).map((argument) => [argument, value]));
        assert.doesNotThrow(() => renderGiven(name, given));
      });
    }
  }

  it("a number or a list as content is shown as Jekyll prints it", () => {
    for (const name of ["note.html", "important.html", "tip.html", "warning.html", "roadmap.html", "todo.html", "download.html", "callout.html"]) {
      assert.equal(parse(renderGiven(name, { content: 42 }).html).querySelector(".app-callout__body")?.text, "42", name);
      assert.equal(parse(renderGiven(name, { content: ["alpha", "beta"] }).html).querySelector(".app-callout__body")?.text, "alphabeta", name);
    }
    assert.match(renderGiven("embedcurl.html", { command: 42, title: ["a", "b"] }).html, /<figcaption class="app-command__title">ab<\/figcaption>[\s\S]*42/);
    assert.equal(parse(renderGiven("inline_image.html", { file: "a.png", alt: 7 }).html).querySelector("img")?.getAttribute("alt"), "7");
  });

  it("an argument it cannot use is dropped with a warning, the rest still renders", () => {
    const callout = renderGiven("callout.html", { content: "Body kept", type: "pink" });
    assert.equal(parse(callout.html).querySelector(".app-callout__body")?.text, "Body kept");
    assert.deepEqual(callout.problems.map((p) => p.argument), ["type"]);
    const picture = renderGiven("image.html", { file: "a.png", caption: "Caption kept", "max-width": "wide" });
    assert.equal(parse(picture.html).querySelector("figcaption")?.text, "Caption kept");
    assert.ok(parse(picture.html).querySelector("img"));
    assert.match(picture.problems[0]?.message ?? "", /max-width.*wide.*ignored/);
  });

  it("a missing argument is reported and the rest is shown, as Jekyll's include shows it", () => {
    const note = renderGiven("important.html", {});
    assert.equal(parse(note.html).querySelector(".app-callout__label")?.text, "Important:");
    assert.deepEqual(note.problems, [{ argument: "content", missing: true, message: 'needs the argument "content"; it is shown without it' }]);
    assert.equal(parse(renderGiven("image.html", { caption: "Only a caption" }).html).querySelector("figcaption")?.text, "Only a caption");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "node-html-parser";
import { gridWidth, mapBootstrap } from "../../src/theme/bootstrap.ts";

/** The words a reader sees, in order. */
const text = (markup: string): string => markup.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();

describe("authors' Bootstrap markup as NHS.UK components", () => {
  it("makes a panel an NHS.UK card, its body the card content and its first heading the card heading; an icon-only heading goes", () => {
    const out = mapBootstrap(
      `<div class="panel panel-default text-center"><div class="panel-heading"><span class="fa-stack"><i class="fa fa-circle"></i></span></div><div class="panel-body"><h4>Consumer supplier</h4><p>You build.</p></div></div>`,
    );
    const root = parse(out);
    const card = root.querySelector(".nhsuk-card");
    assert.ok(card, out);
    assert.equal(card.classList.contains("panel"), false);
    assert.equal(card.classList.contains("text-center"), true, "unknown theme classes stay");
    assert.equal(root.querySelector(".nhsuk-card__content h4.nhsuk-card__heading")?.textContent, "Consumer supplier");
    assert.equal(root.querySelector(".fa-stack"), null, "the icon-only heading shows nothing without Font Awesome");
    assert.equal(text(out), "Consumer supplier You build.");
  });

  it("keeps a panel heading with text, and its panel-title as the card heading", () => {
    const root = parse(mapBootstrap(`<div class="panel panel-info"><div class="panel-heading"><h4 class="panel-title">FAQ</h4></div><div class="panel-body">Answer</div></div>`));
    assert.equal(root.querySelector(".app-card__header .nhsuk-card__heading")?.textContent, "FAQ");
    assert.equal(root.querySelectorAll(".nhsuk-card__content").length, 2);
  });

  it("makes row and col-* the NHS.UK grid, widths from the md breakpoint first, a row of cards a card group", () => {
    assert.equal(gridWidth(["col-6", "col-md-4"]), "one-third");
    assert.equal(gridWidth(["col-xs-6"]), "one-half");
    assert.equal(gridWidth(["col-sm-6", "col-lg-3"]), "one-quarter");
    assert.equal(gridWidth(["col-md-9"]), "three-quarters");
    assert.equal(gridWidth(["col-lg-12"]), "full");
    assert.equal(gridWidth(["column"]), undefined);
    const cards = parse(
      mapBootstrap(`<div class="row"><div class="col-lg-12"> </div><div class="col-6 col-md-4"><div class="panel"><div class="panel-body">A</div></div></div><div class="col-md-4"><div class="panel"><div class="panel-body">B</div></div></div></div>`),
    );
    assert.ok(cards.querySelector(".nhsuk-grid-row.nhsuk-card-group"));
    assert.equal(cards.querySelectorAll(".nhsuk-grid-column-one-third.nhsuk-card-group__item").length, 2);
    assert.equal(cards.querySelectorAll('[class*="col-"]').length, 0, "the empty column only made space");
    const plain = parse(mapBootstrap(`<div class="row"><div class="col-md-8">Text</div><div class="col-md-4">Aside</div></div>`));
    assert.ok(plain.querySelector(".nhsuk-grid-row:not(.nhsuk-card-group) > .nhsuk-grid-column-two-thirds"));
    assert.equal(plain.querySelector(".nhsuk-grid-column-one-third")?.textContent, "Aside");
  });

  it("makes btn links NHS.UK buttons: primary, secondary for btn-default, small, plain link for btn-link", () => {
    const root = parse(
      mapBootstrap(
        `<a href="a.html" class="btn btn-primary">Learn more</a><a href="b.html" class="btn btn-default navbar-btn" role="button">Tag</a><button class="btn btn-sm btn-danger">Delete</button><a class="btn btn-link" href="c.html">C</a>`,
      ),
    );
    const [primary, secondary, small, link] = root.querySelectorAll("a, button");
    assert.equal(primary?.getAttribute("class"), "nhsuk-button");
    assert.equal(primary?.getAttribute("href"), "a.html");
    assert.equal(secondary?.getAttribute("class"), "nhsuk-button nhsuk-button--secondary navbar-btn");
    assert.equal(small?.getAttribute("class"), "nhsuk-button nhsuk-button--warning nhsuk-button--small");
    assert.equal(link?.getAttribute("class"), undefined);
    assert.equal(text(root.toString()), "Learn more Tag Delete C");
  });

  it("makes alert-* and bs-callout boxes the site's callouts, tone from the colour, without live-region roles", () => {
    const out = mapBootstrap(
      `<div class="alert alert-warning" role="alert"><i class="fa fa-warning"></i><b>Version:</b> This is the <b>current</b> version.</div><div class="alert alert-info" role="information"><p>Info</p></div><div class="bs-callout bs-callout-danger"><h4>Heads up</h4></div>`,
    );
    const boxes = parse(out).querySelectorAll(".app-callout");
    assert.deepEqual(
      boxes.map((b) => b.getAttribute("class")),
      ["app-callout app-callout--alert app-callout--warning", "app-callout app-callout--alert app-callout--info", "app-callout app-callout--callout app-callout--danger"],
    );
    assert.ok(boxes.every((b) => b.getAttribute("role") === undefined && b.querySelector(".app-callout__body")));
    assert.equal(text(out), "Version: This is the current version. Info Heads up");
  });

  it("makes a well NHS.UK inset text", () => {
    const root = parse(mapBootstrap(`<div class="well well-sm"><p>Aside</p></div>`));
    assert.equal(root.querySelector("div")?.getAttribute("class"), "nhsuk-inset-text");
    assert.equal(root.textContent, "Aside");
  });

  it("makes label-* NHS.UK tags (an unknown colour stays as written)", () => {
    const out = mapBootstrap(`<span class="label label-success">SELECTED</span> <span class="label label-info">ASSUMPTION</span> <span class="label label-purple">X</span>`);
    assert.equal(out, `<strong class="nhsuk-tag nhsuk-tag--green">SELECTED</strong> <strong class="nhsuk-tag nhsuk-tag--blue">ASSUMPTION</strong> <span class="label label-purple">X</span>`);
  });

  it("makes nav-tabs NHS.UK tabs, every panel titled", () => {
    const out = mapBootstrap(
      `<ul class="nav nav-tabs"><li class="active"><a data-toggle="tab" href="#example1">Example 1</a></li><li><a data-toggle="tab" href="#example2">Example 2</a></li></ul><div class="tab-content"><div id="example1" class="tab-pane fade in active"><pre>one</pre></div><div id="example2" class="tab-pane fade"><pre>two</pre></div></div>`,
    );
    const root = parse(out);
    assert.equal(root.querySelectorAll(".nhsuk-tabs__tab").length, 2);
    assert.deepEqual(
      root.querySelectorAll(".nhsuk-tabs__panel").map((p) => [p.id, p.querySelector(".app-tabs__panel-title")?.textContent, p.querySelector("pre")?.textContent]),
      [
        ["example1", "Example 1", "one"],
        ["example2", "Example 2", "two"],
      ],
    );
  });

  it("keeps sr-only text for screen readers only", () => {
    assert.equal(mapBootstrap(`<span class="sr-only">Toggle</span>`), `<span class="nhsuk-u-visually-hidden">Toggle</span>`);
  });

  it("returns markup without any Bootstrap class untouched, and leaves code samples of it alone", () => {
    const page = `<p class="note">Hello <b>there</b></p>\n<pre><code>&lt;div class="panel"&gt;</code></pre>`;
    assert.equal(mapBootstrap(page), page);
    const sample = `<div class="row"><div class="col-md-4">x</div></div><pre><code>&lt;div class="alert alert-info"&gt;</code></pre>`;
    assert.match(mapBootstrap(sample), /<pre><code>&lt;div class="alert alert-info"&gt;<\/code><\/pre>/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyPage, copySidebar } from "../../src/bench/synthetic.ts";

describe("synthetic corpus copies", () => {
  it("moves a page's permalink, sidebar and tags into its copy and keeps relative links", () => {
    const page = "---\ntitle: Engage\npermalink: overview_engage.html\nsidebar: overview_sidebar\ntags: [design,structured]\n---\nSee [the guide](guide.html) and ![a picture](images/a.png).\n";
    assert.equal(
      copyPage(page, 3),
      "---\ntitle: Engage\npermalink: c3/overview_engage.html\nsidebar: c3_overview_sidebar\ntags: [design_c3, structured_c3]\n---\nSee [the guide](guide.html) and ![a picture](/images/a.png).\n",
    );
    assert.match(copyPage("---\ntitle: FHIR\ntagName: fhir\npermalink: tag_fhir.html\n---\n", 2), /^tagName: fhir_c2$/m);
  });

  it("moves a sidebar's site urls into the copy and leaves external ones", () => {
    assert.equal(copySidebar("- title: A\n  url: /a.html\n- title: B\n  url: https://example.org/\n", 4), "- title: A\n  url: /c4/a.html\n- title: B\n  url: https://example.org/\n");
  });
});

// Progressive enhancement only: every page works without this file.
import { enhanceCodeBlocks } from "./code.ts";
import { enhanceMenu, showCurrentCapability } from "./menu.ts";
import { enhanceScrollRegions } from "./scrollRegions.ts";
import { enhanceSearchBox } from "./searchBox.ts";
import { enhanceGlossaryTerms } from "./tooltips.ts";

// NHS.UK frontend components initialise only when the body says JavaScript runs.
document.body.classList.add("js-enabled", "nhsuk-frontend-supported");

enhanceMenu(document);
showCurrentCapability(document);
enhanceSearchBox(document);
enhanceGlossaryTerms(document);
enhanceCodeBlocks(document);
enhanceScrollRegions(document);

if (document.querySelector('[data-module="nhsuk-tabs"]')) {
  void import("./tabs.ts").then(({ enhanceTabs }) => enhanceTabs(document));
}

// The dev server injects its reload client into every page; published pages never load this chunk.
if (document.querySelector('script[src*=".11ty/reload-client.js"]')) {
  void import("./devServer.ts").then(({ followDevServer }) => followDevServer(document));
}

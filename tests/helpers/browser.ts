/** The static host and the browser the browser tests (and the benchmark) use. */
export { serveSite } from "../../src/bench/staticServer.ts";
export { launchChromium as launchBrowser } from "../../src/bench/chromium.ts";

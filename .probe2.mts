import { launchChromium } from "./src/bench/chromium.ts";
import { serveSite } from "./src/bench/staticServer.ts";
const server = await serveSite("/tmp/reader-site", "/");
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
await page.goto(server.url + process.argv[2]);
console.log(await page.evaluate(() => [...document.body.children].map((c) => `${c.tagName} ${c.className} ${(c.textContent ?? "").slice(0, 80).replace(/\s+/g, " ")}`).join("\n")));
console.log(await page.evaluate(() => { const m = document.querySelector(".app-content")!; const last = m.lastElementChild; return last?.outerHTML.slice(-300) }));
await browser.close(); await server.close();

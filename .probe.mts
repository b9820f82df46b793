import { launchChromium } from "./src/bench/chromium.ts";
import { serveSite } from "./src/bench/staticServer.ts";
const server = await serveSite("/tmp/reader-site", "/");
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
for (const file of process.argv.slice(2)) {
  await page.goto(server.url + file);
  console.log(file, await page.evaluate(() => {
    const out: string[] = [`doc ${document.documentElement.scrollWidth} body ${document.body.scrollWidth}`];
    for (const el of document.querySelectorAll("body *")) { if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0) out.push(`SW ${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ")[0]} ${el.scrollWidth}/${el.clientWidth} ${el.parentElement?.className} ${el.parentElement?.parentElement?.className} ${(el.textContent ?? "").slice(0, 60).replace(/\s+/g, " ")}`); }
    for (const el of document.querySelectorAll("body *")) {
      const b = el.getBoundingClientRect();
      if (b.right > innerWidth + 1) {
        let chain = []; let p: Element | null = el; while (p && p !== document.body && chain.length < 6) { chain.push(p.tagName.toLowerCase() + "." + (p.getAttribute("class") ?? "").split(" ")[0]); p = p.parentElement; }
        out.push(`${Math.round(b.left)}-${Math.round(b.right)} ${chain.join(" < ")} | ${getComputedStyle(el).whiteSpace} | ${(el.textContent ?? "").slice(0, 50).replace(/\s+/g, " ")}`);
      }
    }
    return out.slice(0, 12).join("\n");
  }));
}
await browser.close(); await server.close();

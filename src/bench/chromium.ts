import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, as CI installs it (Playwright's own browser download cannot work here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

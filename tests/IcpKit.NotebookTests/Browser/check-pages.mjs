// Opens HTML pages in headless chromium (Debian's) and reports, per page, how many plotly figures drew, the console
// errors, the uncaught exceptions and every request that is not file: or data: (those are blocked, never sent).
// It saves one full-page PNG per page. It judges nothing: the C# tests compare the counts with the outputs.
//
// usage: node check-pages.mjs job.json result.json
//   job.json: {"chromium": "/usr/bin/chromium", "pages": [{"html": "/abs/page.html", "png": "/abs/page.png", "figures": 8}]}
//   result.json: [{"html", "figures", "drawn", "figureDivs", "consoleErrors": [], "pageErrors": [], "externalRequests": []}]
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [jobPath, resultPath] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobPath, "utf8"));
const browser = await puppeteer.launch({
  executablePath: job.chromium,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
  ],
});

// A figure counts as drawn when plotly.js turned its div into a plot with an SVG in it.
const countDrawn = () => Array.from(document.querySelectorAll(".js-plotly-plot"))
  .filter((el) => el.querySelector(".main-svg")).length;

const results = [];
try {
  for (const spec of job.pages) {
    const page = await browser.newPage();
    const result = { html: spec.html, figures: spec.figures, drawn: 0, figureDivs: 0, consoleErrors: [], pageErrors: [], externalRequests: [] };
    page.on("console", (m) => { if (m.type() === "error") result.consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => result.pageErrors.push(String(e && e.message || e)));
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      const url = r.url();
      if (url.startsWith("file:") || url.startsWith("data:")) { r.continue(); return; }
      result.externalRequests.push(url);
      r.abort("blockedbyclient");
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(spec.html).href, { waitUntil: "load", timeout: 60000 });
    // Figures draw from a polling script once window.Plotly exists: wait until they all did, or give up after 10 s
    // (a blank chart never draws, so its page takes the whole wait).
    try {
      await page.waitForFunction((n) => Array.from(document.querySelectorAll(".js-plotly-plot"))
        .filter((el) => el.querySelector(".main-svg")).length >= n, { timeout: 10000, polling: 100 }, spec.figures);
    } catch { /* counted below */ }
    result.drawn = await page.evaluate(countDrawn);
    result.figureDivs = await page.evaluate(() => document.querySelectorAll(".icpkit-figure").length);
    if (spec.png) await page.screenshot({ path: spec.png, fullPage: true });
    results.push(result);
    await page.close();
  }
} finally {
  await browser.close();
}
await writeFile(resultPath, JSON.stringify(results, null, 1));

// Screenshots every slide of built HTML decks in headless Chromium at
// 1280×720, the way a viewer sees them full-window, for the pixel
// comparison with the PDF (run from tests/e2e/pixels.rs).
// Usage: node shots.mjs OUT_DIR DECK.html...
// Writes OUT_DIR/<deck file stem>/slide-N.png and prints one line per
// deck: "<stem>: N slides".
import { launch } from "./harness.mjs";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error("usage: node shots.mjs OUT_DIR DECK.html...");
  process.exit(2);
}
const browser = await launch();
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, reducedMotion: "reduce",
  });
  const page = await context.newPage();
  for (const file of files) {
    const stem = basename(file, ".html");
    const dir = join(outDir, stem);
    mkdirSync(dir, { recursive: true });
    await page.goto(`${pathToFileURL(file).href}#1`);
    // Faces load when first used: load them all before any screenshot.
    const fonts = await page.evaluate(async () => {
      await Promise.all(Array.from(document.fonts).map((f) => f.load().catch(() => {})));
      return Array.from(document.fonts).map((f) => `${f.family}: ${f.status}`);
    });
    const unloaded = fonts.filter((f) => !f.endsWith(": loaded"));
    if (unloaded.length > 0) throw new Error(`${stem}: fonts not loaded: ${unloaded.join(", ")}`);
    const count = await page.evaluate(() => document.querySelectorAll("#deck > .slide").length);
    for (let n = 1; n <= count; n++) {
      await page.evaluate((h) => { location.hash = h; }, `#${n}`);
      await page.waitForFunction((id) => document.getElementById(id).classList.contains("active"), `slide-${n}`);
      // A slide revealed step by step is compared in its final state, which
      // the PDF shows: the player shows it after the last press of →.
      await page.evaluate(() => { for (const li of document.querySelectorAll("li.later")) li.classList.remove("later"); });
      await page.screenshot({ path: join(dir, `slide-${n}.png`) });
    }
    console.log(`${stem}: ${count} slides`);
  }
} finally {
  await browser.close();
}

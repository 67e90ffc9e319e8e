// Step-by-step reveal in headless Chromium: on a slide with
// reveal = "items", → shows the next item before the next slide, ← hides
// it again, the URL stays on the slide, the presenter view shows the next
// step, and print shows every item.
// Usage: node reveal.mjs REVEAL.html (tests/decks/reveal.toml built)
import { check, finish, launch } from "./harness.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [file] = process.argv.slice(2);
const url = pathToFileURL(file).href;

const scratch = mkdtempSync(join(tmpdir(), "deck-reveal-"));
const browser = await launch();
const errors = [];

// Which items of a slide (in `p`, or in a copy found by `selector`) are
// visible, as "1 2 -" for items 1 and 2 shown and 3 hidden; the slide's
// active id and the hash.
const seen = (p, selector) => p.evaluate((sel) => {
  const slide = document.querySelector(sel);
  if (!slide) return { items: "no slide", hash: location.hash, active: null };
  const items = Array.from(slide.querySelectorAll("li[data-step]"))
    .map((li) => (getComputedStyle(li).visibility === "visible" ? li.dataset.step : "-")).join(" ");
  const active = document.querySelector("#deck > .slide.active");
  return { items, hash: location.hash, active: active && active.id };
}, selector);

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  context.on("page", (p) => p.on("pageerror", (e) => errors.push(`${p.url()}: ${e.message}`)));
  const page = await context.newPage();
  await page.goto(`${url}#2`);
  const expect = async (items, active, what) => {
    const s = await seen(page, "#slide-2");
    const hash = active === "slide-2" ? "#2" : `#${active.slice(6)}`;
    check(s.items === items && s.active === active && s.hash === hash, `${what}: expected ${items} on ${active}, got ${JSON.stringify(s)}`);
  };
  check(await page.evaluate(() => document.getElementById("slide-2").dataset.steps === "3"), "slide 2 has 3 steps");
  await expect("1 - -", "slide-2", "arriving shows the first item");
  const always = await page.evaluate(() => getComputedStyle(document.querySelector("#slide-2 p")).visibility);
  check(always === "visible", `the paragraph before the list shows from the start: ${always}`);
  const nested = await page.evaluate(() => getComputedStyle(document.querySelector("#slide-2 li[data-step='2'] li")).visibility);
  check(nested === "hidden", `a nested item waits for its parent's step: ${nested}`);
  await page.keyboard.press("ArrowRight");
  await expect("1 2 -", "slide-2", "→ shows the second item, the slide stays");
  await page.keyboard.press("ArrowRight");
  await expect("1 2 3", "slide-2", "→ shows the third item");
  await page.keyboard.press("ArrowRight");
  await expect("1 2 3", "slide-3", "→ after the last step goes to the next slide");
  const plain = await page.evaluate(() => document.querySelectorAll("#slide-3 li[data-step]").length);
  check(plain === 0, `a slide without reveal has no steps: ${plain}`);
  await page.keyboard.press("ArrowLeft");
  await expect("1 2 3", "slide-2", "← comes back to the slide as it was left");
  await page.keyboard.press("ArrowLeft");
  await expect("1 2 -", "slide-2", "← hides the last item again");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect("1 - -", "slide-1", "← from the first step goes to the previous slide");
  await page.keyboard.press("ArrowRight");
  await expect("1 - -", "slide-2", "→ from the slide before arrives at the first step");

  // The presenter view: the current slide at its step, and what the next
  // press shows: this slide's next step.
  const opened = context.waitForEvent("page");
  await page.keyboard.press("s");
  const pres = await opened;
  await pres.waitForLoadState();
  const presenter = async (now, next, title, what) => {
    try {
      await pres.waitForFunction(([now, next, title]) => {
        const steps = (sel) => Array.from(document.querySelectorAll(`${sel} li[data-step]`))
          .map((li) => (getComputedStyle(li).visibility === "visible" ? li.dataset.step : "-")).join(" ");
        return steps(".pane.now .view > .slide") === now && steps(".pane.next .view > .slide") === next &&
          document.querySelector(".pane.next .pane-title").textContent === title;
      }, [now, next, title], { timeout: 5000 });
      check(true, what);
    } catch (_) {
      check(false, `${what}: ${await pres.evaluate(() => document.querySelector(".pane.next .pane-title").textContent)}`);
    }
  };
  await presenter("1 - -", "1 2 -", "Next step (2 of 3)", "the presenter shows step 1 and the next step");
  const where = await pres.evaluate(() => document.querySelector(".where").textContent);
  check(where === "Slide 2 of 3, step 1 of 3", `the presenter says where it is: ${where}`);
  await pres.keyboard.press("ArrowRight");
  await presenter("1 2 -", "1 2 3", "Next step (3 of 3)", "→ in the presenter view steps it");
  await expect("1 2 -", "slide-2", "the main window follows the presenter's step");
  await page.keyboard.press("ArrowRight");
  await presenter("1 2 3", "", "Next slide", "the presenter follows the main window; next is the next slide");
  await pres.close();

  // Print shows every item, whatever the step.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect("1 - -", "slide-2", "back at the first step before printing");
  const pdf = join(scratch, "print.pdf");
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  const text = execFileSync("pdftotext", ["-f", "2", "-l", "2", pdf, "-"], { encoding: "utf8" });
  check(text.includes("Second") && text.includes("Third"), `print shows every item: ${JSON.stringify(text)}`);
  check(errors.length === 0, `no script errors: ${errors.join("; ")}`);
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}

finish();

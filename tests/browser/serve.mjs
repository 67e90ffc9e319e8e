// The live preview in headless Chromium: a page opened on slide 2 of a
// `deck serve` reloads on that slide when the manifest changes, shows the
// errors of a broken build over the last good deck, and drops them once
// the deck builds again.
// Usage: node serve.mjs URL MANIFEST SECOND.toml BROKEN.toml THIRD.toml
import { check, finish, launch, waitFor } from "./harness.mjs";
import { copyFileSync, renameSync } from "node:fs";

const [url, manifest, second, broken, third] = process.argv.slice(2);
// A rebuild on a loaded machine may take a while.
const waitLong = (page, what, fn) => waitFor(page, what, fn, undefined, 20000);
// Saved as editors save: a new file renamed over the old one.
function save(from) {
  copyFileSync(from, manifest + ".swp");
  renameSync(manifest + ".swp", manifest);
}
// The slide the player shows.
const active = () => document.querySelector("section.slide.active")?.id;

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "#2");
  await waitLong(page, "slide 2 shown", () => document.title === "First title" && location.hash === "#2");
  check(await page.evaluate(active) === "slide-2", "slide 2 is the active slide");

  save(second);
  await waitLong(page, "reloaded with the new title", () => document.title === "Second title");
  check(await page.evaluate(() => location.hash) === "#2", "still at #2 after the reload");
  await waitLong(page, "slide 2 active after the reload", () => document.querySelector("section.slide.active")?.id === "slide-2");

  save(broken);
  await waitLong(page, "the error overlay appears", () => {
    const o = document.getElementById("deck-live-error");
    return o && o.getAttribute("role") === "alert" && /TOML syntax error/.test(o.textContent) && o.offsetHeight > 0;
  });
  check(await page.evaluate(() => document.title) === "Second title", "the last good deck stays");
  await page.click("#deck-live-error button");
  check(await page.evaluate(() => !document.getElementById("deck-live-error")), "Hide removes the overlay");

  save(third);
  await waitLong(page, "reloaded once fixed", () => document.title === "Third title");
  check(await page.evaluate(() => !document.getElementById("deck-live-error")), "no overlay after the fix");
  check(await page.evaluate(() => location.hash) === "#2", "still at #2 after the fix");
  check(errors.length === 0, "no script errors: " + errors.join("; "));
} finally {
  await browser.close();
}
finish();

// Opens a built deck's HTML in headless Chromium and checks what a
// presenter does with it: keys, #N links, reload, scaling, fonts, no
// requests. Usage: node player.mjs DECK.html SLIDE_COUNT
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [file, countArg] = process.argv.slice(2);
const count = Number(countArg);
const url = pathToFileURL(file).href;
const failures = [];
let passed = 0;
function check(ok, what) {
  if (ok) passed++;
  else failures.push(what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const requests = [];
  page.on("request", (r) => { if (!/^(file|data):/.test(r.url())) requests.push(r.url()); });

  const state = () => page.evaluate(() => ({
    hash: location.hash,
    visible: Array.from(document.querySelectorAll(".slide"))
      .filter((s) => getComputedStyle(s).display !== "none").map((s) => s.id),
  }));
  const expectSlide = async (n, what) => {
    const s = await state();
    check(s.hash === `#${n}` && s.visible.length === 1 && s.visible[0] === `slide-${n}`,
      `${what}: expected slide ${n}, got ${JSON.stringify(s)}`);
  };

  await page.goto(`${url}#3`);
  await page.evaluate(() => document.fonts.ready);
  await expectSlide(3, "open at #3");
  const fonts = await page.evaluate(() => Array.from(document.fonts).map((f) => f.status));
  check(fonts.length >= 2 && fonts.every((s) => s === "loaded"), `fonts loaded: ${fonts}`);

  for (const [key, n] of [["ArrowRight", 4], ["ArrowLeft", 3], ["Space", 4], ["PageDown", 5],
    ["PageUp", 4], ["ArrowDown", 5], ["ArrowUp", 4], ["End", count], ["ArrowRight", count],
    ["Home", 1], ["ArrowLeft", 1]]) {
    await page.keyboard.press(key);
    await expectSlide(n, `after ${key}`);
  }
  await page.keyboard.press("Shift+Space");
  await expectSlide(1, "Shift+Space on the first slide");

  await page.goto(`${url}#7`);
  await page.reload();
  await expectSlide(7, "reload at #7");
  await page.goBack();
  await expectSlide(1, "back: the slide shown before");

  await page.evaluate(() => { location.hash = "#12"; });
  await page.waitForFunction(() => document.querySelector("#slide-12.active"));
  await expectSlide(12, "hash change to #12");

  for (const [w, h, ew, eh] of [[1280, 720, 1280, 720], [1600, 900, 1600, 900], [800, 800, 800, 450]]) {
    await page.setViewportSize({ width: w, height: h });
    // The player rescales on the resize event: give it up to 2 s.
    const fits = (box) => box && Math.abs(box.width - ew) < 1 && Math.abs(box.height - eh) < 1 &&
      Math.abs(box.x - (w - ew) / 2) < 1 && Math.abs(box.y - (h - eh) / 2) < 1;
    let box = null;
    for (let i = 0; i < 40 && !fits(box); i++) {
      if (i > 0) await page.waitForTimeout(50);
      box = await page.locator("#slide-12").boundingBox();
    }
    const ok = fits(box);
    check(ok, `window ${w}x${h}: slide box ${JSON.stringify(box)}, expected ${ew}x${eh} centred`);
  }
  check(requests.length === 0, `requests left the file: ${requests}`);
} finally {
  await browser.close();
}
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);

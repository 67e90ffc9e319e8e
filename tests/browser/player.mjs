// Opens a built deck's HTML in headless Chromium and checks what a
// presenter does with it: keys, #N links, reload, scaling, fonts, clicks
// and swipes, number + Enter, overview, blank screen, fullscreen, the
// presenter view in a second window kept in step both ways, printing, axe
// on every slide, reduced motion, and no requests.
// Usage: node player.mjs DECK.html SLIDE_COUNT
import { check, finish, launch, waitFor } from "./harness.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [file, countArg] = process.argv.slice(2);
const count = Number(countArg);
const url = pathToFileURL(file).href;

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "deck-player-"));
const browser = await launch();
const requests = [];
const errors = [];
// A context whose pages (popups included) are watched for requests that
// leave the file and for script errors; `before` runs in every page first.
async function newContext(before) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, hasTouch: true });
  context.on("request", (r) => { if (!/^(file|data):/.test(r.url())) requests.push(r.url()); });
  context.on("page", (p) => p.on("pageerror", (e) => errors.push(`${p.url()}: ${e.message}`)));
  if (before) await context.addInitScript(before);
  return context;
}

try {
  const context = await newContext(() => {
    // Count fullscreen requests: headless Chromium may refuse them.
    window.fullscreenRequests = 0;
    const request = Element.prototype.requestFullscreen;
    Element.prototype.requestFullscreen = function (...args) {
      window.fullscreenRequests++;
      return request.apply(this, args);
    };
  });
  const page = await context.newPage();

  // Markup that slipped into the page (a script, an event handler) is
  // refused by its Content-Security-Policy, while the player runs: the
  // same HTML with such markup written into a slide.
  const policyCheck = async () => {
    const dir = mkdtempSync(join(tmpdir(), "deck-csp-"));
    const tainted = join(dir, "tainted.html");
    const markup = '<script>window.injected = 1</script><img src="data:," onerror="window.injected = 2" alt="">';
    writeFileSync(tainted, readFileSync(file, "utf8").replace("</section>", markup + "</section>"));
    const p = await context.newPage();
    const refused = [];
    p.on("console", (m) => { if (m.text().includes("Content Security Policy")) refused.push(m.text()); });
    await p.goto(`${pathToFileURL(tainted).href}#2`);
    const ran = await p.evaluate(() => window.injected);
    const shown = await p.evaluate(() => getComputedStyle(document.getElementById("slide-2")).display !== "none");
    check(ran === undefined && refused.length >= 2 && shown,
      `an inline script deck did not write is refused: ran ${ran}, ${refused.length} refusals, player ${shown ? "runs" : "stopped"}`);
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  };

  const state = (p = page) => p.evaluate(() => ({
    hash: location.hash,
    visible: Array.from(document.querySelectorAll("#deck > .slide"))
      .filter((s) => getComputedStyle(s).display !== "none").map((s) => s.id),
  }));
  const expectSlide = async (n, what, p = page) => {
    const s = await state(p);
    check(s.hash === `#${n}` && s.visible.length === 1 && s.visible[0] === `slide-${n}`,
      `${what}: expected slide ${n}, got ${JSON.stringify(s)}`);
  };
  // Touch input reaches a page whose touch listeners are all passive
  // without the protocol waiting for them: wait until the slide shows,
  // then two frames more, and check nothing moved it on (a browser
  // "back" gesture on top of the player's own step would).
  const settlesOn = async (n, what) => {
    await page.waitForFunction((id) => document.getElementById(id).classList.contains("active"), `slide-${n}`,
      { timeout: 15000 }).catch(() => {});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expectSlide(n, what);
  };
  const go = async (n) => {
    await page.evaluate((h) => { location.hash = h; }, `#${n}`);
    await page.waitForFunction((id) => document.getElementById(id).classList.contains("active"), `slide-${n}`);
  };

  await page.goto(`${url}#3`);
  await page.evaluate(() => document.fonts.ready);
  await expectSlide(3, "open at #3");
  const fonts = await page.evaluate(() => Array.from(document.fonts).map((f) => f.status));
  check(fonts.length >= 2 && fonts.every((s) => s === "loaded"), `fonts loaded: ${fonts}`);
  await policyCheck();

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
  await page.goForward();
  await expectSlide(7, "forward again");

  await page.evaluate(() => { location.hash = "#12"; });
  await page.waitForFunction(() => document.querySelector("#slide-12.active"));
  await expectSlide(12, "hash change to #12");
  await page.evaluate(() => { location.hash = "#not-a-slide"; });
  await page.waitForFunction(() => location.hash === "#not-a-slide");
  check(await page.evaluate(() => document.querySelector("#slide-12.active") !== null),
    "a hash that names no slide leaves the slide as it was");
  await go(12);

  for (const [w, h, ew, eh] of [[1280, 720, 1280, 720], [1600, 900, 1600, 900], [800, 800, 800, 450]]) {
    await page.setViewportSize({ width: w, height: h });
    // The player rescales on the resize event.
    await waitFor(page, `window ${w}x${h}: slide ${ew}x${eh} centred`, ([ew, eh, w, h]) => {
      const r = document.querySelector("#slide-12").getBoundingClientRect();
      return Math.abs(r.width - ew) < 1 && Math.abs(r.height - eh) < 1 &&
        Math.abs(r.x - (w - ew) / 2) < 1 && Math.abs(r.y - (h - eh) / 2) < 1;
    }, [ew, eh, w, h]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // A number, then Enter.
  const badge = () => page.evaluate(() => {
    const b = document.querySelector(".goto");
    return b && !b.hidden && getComputedStyle(b).display !== "none" ? b.textContent : "";
  });
  await page.keyboard.press("1");
  await page.keyboard.press("7");
  check((await badge()).includes("17"), `typing 17 shows it: "${await badge()}"`);
  await page.keyboard.press("Enter");
  await expectSlide(17, "1 7 Enter");
  check((await badge()) === "", "the number goes away after Enter");
  await page.keyboard.press("2");
  await page.keyboard.press("5");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter");
  await expectSlide(2, "2 5 Backspace Enter");
  await page.keyboard.press("9");
  await page.keyboard.press("Escape");
  await expectSlide(2, "9 Escape drops the number");
  check((await badge()) === "" && !(await page.evaluate(() => document.querySelector("dialog[open]"))),
    "Escape after a number clears it and opens nothing");
  await page.keyboard.press("9");
  await page.keyboard.press("9");
  await page.keyboard.press("9");
  await page.keyboard.press("Enter");
  await expectSlide(count, "999 Enter goes to the last slide");

  // Click or tap on the right half goes on, the left half back.
  await go(5);
  await page.mouse.click(1000, 360);
  await expectSlide(6, "click on the right half");
  await page.mouse.click(200, 360);
  await expectSlide(5, "click on the left half");
  await page.touchscreen.tap(1000, 600);
  await settlesOn(6, "tap on the right half");

  // Swipes, as touch events from the devtools protocol.
  const cdp = await context.newCDPSession(page);
  const swipe = async (from, to) => {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from, y: 400 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: (from + to) / 2, y: 402 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: to, y: 405 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  };
  check(await page.evaluate(() => [document.documentElement, document.body]
    .every((e) => getComputedStyle(e).overscrollBehaviorX === "none")),
  "a sideways swipe cannot also trigger the browser's history back gesture (overscroll-behavior: none)");
  await swipe(900, 300);
  await settlesOn(7, "swipe right to left goes on");
  await swipe(300, 900);
  await settlesOn(6, "swipe left to right goes back");

  // Overview: O, every slide a named button, the current one marked and
  // focused; a click or Enter on a thumbnail jumps there.
  await go(4);
  await page.keyboard.press("o");
  const dialog = page.getByRole("dialog", { name: "All slides" });
  check(await dialog.isVisible(), "O opens the overview");
  const thumbs = dialog.getByRole("button");
  check(await thumbs.count() === count, `overview has ${count} buttons: ${await thumbs.count()}`);
  // The accessible name is the caption: the copy of the slide is hidden.
  const unnamed = [];
  for (let n = 1; n <= count; n++) {
    if (await dialog.getByRole("button", { name: new RegExp(`^Slide ${n} \\S`) }).count() !== 1) unnamed.push(n);
  }
  check(unnamed.length === 0, `thumbnails named "Slide N title", missing: ${unnamed}`);
  const caption = () => page.evaluate(() => document.activeElement.querySelector(".cap")?.textContent);
  check(await page.evaluate(() => {
    const b = document.activeElement;
    return b.classList.contains("thumb") && b.getAttribute("aria-current") === "true" &&
      b.querySelector(".cap").textContent.startsWith("Slide 4 ") &&
      document.querySelectorAll('.thumb[aria-current="true"]').length === 1;
  }), "the current slide's thumbnail is marked current and has the focus");
  check(await page.evaluate(() => {
    const b = document.activeElement;
    return getComputedStyle(b).outlineStyle !== "none" && parseFloat(getComputedStyle(b).outlineWidth) >= 2;
  }), "the focused thumbnail shows a focus outline");
  await thumbs.nth(5).click();
  await expectSlide(6, "click on thumbnail 6");
  check(!(await dialog.isVisible()), "the overview closes after a click");
  await page.keyboard.press("Escape");
  check(await dialog.isVisible(), "Escape opens the overview");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  check((await caption())?.startsWith("Slide 8 "), `arrows move the focus in the overview: ${await caption()}`);
  await page.keyboard.press("Enter");
  await expectSlide(8, "Enter on thumbnail 8");
  check(!(await dialog.isVisible()), "the overview closes after Enter");
  await page.keyboard.press("o");
  await page.keyboard.press("o");
  check(!(await dialog.isVisible()), "O again closes the overview");
  await expectSlide(8, "closing the overview keeps the slide");

  // Blank screen: B, then . to come back.
  const deckShown = () => page.evaluate(() => getComputedStyle(document.getElementById("deck")).visibility === "visible");
  await page.keyboard.press("b");
  await waitFor(page, "B blanks the screen",
    () => getComputedStyle(document.getElementById("deck")).visibility === "hidden");
  await page.keyboard.press("ArrowRight");
  await expectSlide(9, "moving while blank");
  await page.keyboard.press(".");
  await waitFor(page, ". shows the slide again",
    () => getComputedStyle(document.getElementById("deck")).visibility === "visible");
  check(await deckShown(), "deck visible after unblank");

  // Fullscreen: F asks for it (headless Chromium may grant or refuse).
  await page.keyboard.press("f");
  await waitFor(page, "F requests fullscreen", () => document.fullscreenElement !== null || window.fullscreenRequests > 0);
  if (await page.evaluate(() => document.fullscreenElement !== null)) {
    await page.keyboard.press("f");
    await waitFor(page, "F again leaves fullscreen", () => document.fullscreenElement === null);
  }

  // Reduced motion: no transitions or animations at all.
  const motion = () => page.evaluate(() => {
    const d = document.querySelector("dialog.overview");
    return [getComputedStyle(document.getElementById("deck")).transitionDuration,
      getComputedStyle(d).animationName, getComputedStyle(d.querySelector(".thumb .view")).transitionDuration];
  });
  const normal = await motion();
  await page.emulateMedia({ reducedMotion: "reduce" });
  const reduced = await motion();
  check(normal.some((v) => v !== "0s" && v !== "none"), `some motion by default: ${normal}`);
  check(reduced.every((v) => v === "0s" || v === "none"), `no motion when reduced: ${reduced}`);
  await page.keyboard.press("o");
  check(await page.evaluate(() => document.getAnimations().length === 0), "overview opens without animation when reduced");
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  check(await page.evaluate(() => document.getAnimations().length === 0 &&
    getComputedStyle(document.getElementById("deck")).visibility === "hidden"), "blanking is instant when reduced");
  await page.keyboard.press("b");
  await page.emulateMedia({ reducedMotion: null });

  // axe-core on every slide shown in turn (it skips hidden elements), on
  // the overview, and below on the presenter view.
  for (let n = 1; n <= count; n++) {
    await go(n);
    await axe(page, `slide ${n}`);
  }
  await page.keyboard.press("o");
  await axe(page, "the overview");
  await page.keyboard.press("Escape");

  // Print: one page per slide at the slide's size, backgrounds included
  // (as Ctrl+P prints, without "background graphics"), even when blank and
  // with the overview open.
  await go(2);
  await page.keyboard.press("b");
  await page.keyboard.press("o");
  const pdf = join(scratch, "print.pdf");
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: false });
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", String(count + 5), pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  check(pages === count, `print: ${count} pages, got ${pages}`);
  const size = await page.evaluate(() => {
    const css = getComputedStyle(document.documentElement);
    return `${parseFloat(css.getPropertyValue("--w"))} x ${parseFloat(css.getPropertyValue("--h"))} pts`;
  });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1].trim());
  check(sizes.length === count && sizes.every((s) => s === size), `print: every page ${size}: ${[...new Set(sizes)]}`);
  const text = execFileSync("pdftotext", ["-f", "2", "-l", "2", pdf, "-"], { encoding: "utf8" });
  const slideText = await page.evaluate(() => document.querySelector("#slide-2 h1, #slide-2 h2, #slide-2 p").textContent);
  check(text.includes(slideText.trim().split(/\s+/)[0]), `print: page 2 has slide 2's text ("${slideText}")`);
  // A coloured slide keeps its background: sample the middle of its page.
  const coloured = await page.evaluate(() => {
    const slides = Array.from(document.querySelectorAll("#deck > .slide"));
    const i = slides.findIndex((s) => !/^(#fff(fff)?|rgb\(255, 255, 255\))$/i.test(s.style.background));
    return i < 0 ? null : { n: i + 1, rgb: getComputedStyle(slides[i]).backgroundColor };
  });
  if (coloured) {
    const ppm = execFileSync("pdftoppm", ["-f", String(coloured.n), "-l", String(coloured.n), "-r", "9", "-singlefile", pdf]);
    const [, w, h] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString("latin1", 0, 30));
    const start = ppm.length - w * h * 3;
    const at = start + ((Math.floor(h * 0.9) * w) + Math.floor(w * 0.9)) * 3;
    const got = `rgb(${ppm[at]}, ${ppm[at + 1]}, ${ppm[at + 2]})`;
    const want = coloured.rgb.match(/\d+/g).map(Number);
    check([0, 1, 2].every((k) => Math.abs(ppm[at + k] - want[k]) < 8),
      `print: slide ${coloured.n} keeps its background ${coloured.rgb}, got ${got}`);
  }

  // The presenter view: S opens it in a second window.
  await presenterChecks(context, page, "with BroadcastChannel");
  await context.close();

  // The same without BroadcastChannel: postMessage and storage carry it.
  const bare = await newContext(() => { delete window.BroadcastChannel; });
  await presenterChecks(bare, await bare.newPage(), "without BroadcastChannel");
  await bare.close();

  // Two windows that never opened each other, without BroadcastChannel:
  // only the storage event links them (as after a reload of both).
  const apart = await newContext(() => { delete window.BroadcastChannel; });
  const main = await apart.newPage();
  await main.goto(`${url}#3`);
  const pres = await apart.newPage();
  await pres.goto(`${url}?presenter#3`);
  await main.bringToFront();
  await main.keyboard.press("ArrowRight");
  await waitFor(pres, "storage only: the presenter follows main",
    () => document.querySelector(".pane.now .view > .slide")?.getAttribute("aria-label").startsWith("4 of "));
  await pres.keyboard.press("ArrowRight");
  await waitFor(main, "storage only: main follows the presenter", () => document.querySelector("#slide-5.active"));
  await apart.close();

  check(errors.length === 0, `script errors: ${errors}`);
  check(requests.length === 0, `requests left the file: ${requests}`);
} catch (e) {
  check(false, `crashed: ${e.stack}`);
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}

async function presenterChecks(context, page, how) {
  const at = (p, n) => p.waitForFunction((id) => document.getElementById(id).classList.contains("active"), `slide-${n}`);
  await page.goto(`${url}#4`);
  const opened = context.waitForEvent("page");
  await page.keyboard.press("s");
  const pres = await opened;
  await pres.waitForLoadState();
  check(/^Presenter view\b/.test(await pres.title()), `${how}: presenter title: "${await pres.title()}"`);
  const headings = await pres.evaluate(() => Array.from(document.querySelectorAll("h1, h2"))
    .filter((h) => h.offsetParent !== null && !h.closest(".slide")).map((h) => h.localName + ":" + h.textContent));
  check(headings.some((h) => h.startsWith("h1:")) && headings.filter((h) => h.startsWith("h2:")).length >= 3,
    `${how}: presenter headings: ${headings}`);

  // Shows the current slide, its notes and the next slide.
  const shows = (p, n) => waitFor(p, `${how}: presenter shows slide ${n}, its notes and slide ${n + 1}`, ([n, total]) => {
    const label = (sel) => (document.querySelector(sel) || { getAttribute: () => "" }).getAttribute("aria-label") || "";
    const notes = document.querySelector(`#slide-${n} .notes`);
    const shown = document.querySelector(".notes-text").textContent.replace(/\s+/g, " ").trim();
    const want = notes ? notes.textContent.replace(/\s+/g, " ").trim() : "No notes for this slide.";
    return label(".pane.now .view > .slide").startsWith(`${n} of `) &&
      (n === total ? document.querySelector(".pane.next .view").textContent.includes("End")
        : label(".pane.next .view > .slide").startsWith(`${n + 1} of `)) &&
      shown === want;
  }, [n, count]);
  await shows(pres, 4);

  // The main window moves, the presenter follows; and the other way.
  await page.keyboard.press("ArrowRight");
  await shows(pres, 5);
  await page.keyboard.press("End");
  await shows(pres, count);
  await pres.keyboard.press("Home");
  await waitFor(page, `${how}: main follows the presenter to slide 1`, () => document.querySelector("#slide-1.active"));
  await pres.keyboard.press("ArrowRight");
  await waitFor(page, `${how}: main follows the presenter to slide 2`, () => document.querySelector("#slide-2.active"));
  await pres.getByRole("button", { name: "Next" }).click();
  await waitFor(page, `${how}: the presenter's Next button moves main`, () => document.querySelector("#slide-3.active"));
  await pres.keyboard.press("1");
  await pres.keyboard.press("0");
  await pres.keyboard.press("Enter");
  await waitFor(page, `${how}: number + Enter in the presenter moves main`, () => document.querySelector("#slide-10.active"));
  await shows(pres, 10);
  await pres.keyboard.press("b");
  await waitFor(page, `${how}: B in the presenter blanks the main window`,
    () => document.documentElement.classList.contains("blanked"));
  check(await pres.evaluate(() => !document.querySelector(".flag").hidden), `${how}: the presenter says the screen is blank`);
  await page.keyboard.press("b");
  await waitFor(pres, `${how}: unblanking in main clears the presenter's flag`, () => document.querySelector(".flag").hidden);

  // A reload of the main window keeps them in step.
  await page.reload();
  await at(page, 10);
  await page.keyboard.press("ArrowLeft");
  await shows(pres, 9);
  await pres.keyboard.press("ArrowLeft");
  await waitFor(page, `${how}: after a reload, main still follows the presenter`, () => document.querySelector("#slide-8.active"));

  // S again brings back the same window rather than opening another.
  await page.keyboard.press("s");
  check(context.pages().length === 2, `${how}: S again opens no second presenter: ${context.pages().length} pages`);

  if (how === "with BroadcastChannel") {
    await axe(pres, "the presenter view");
    // The presenter shows copies of the notes deck wrote: their structure
    // kept, text in them (markup included) staying text and never running.
    const safe = await pres.evaluate(() => {
      const notes = document.querySelector("#slide-1 .notes") || document.createElement("aside");
      notes.className = "notes";
      const el = (tag, ...kids) => {
        const e = document.createElement(tag);
        e.append(...kids);
        return e;
      };
      notes.replaceChildren(
        el("p", 'Look <img src=x onerror="window.pwned=1"> here'),
        el("ul", el("li", el("strong", "bold"), " item"), el("li", el("code", "code"), " item")),
      );
      document.getElementById("slide-1").append(notes);
      return true;
    });
    await pres.keyboard.press("Home");
    const notes = await pres.evaluate(() => {
      const t = document.querySelector(".notes-text");
      return { tags: Array.from(t.querySelectorAll("*")).map((e) => e.localName).sort().join(","), text: t.textContent };
    });
    check(safe && notes.tags === "code,li,li,p,strong,ul" && notes.text.includes('<img src=x onerror="window.pwned=1">'),
      `${how}: notes shown with their paragraphs, bullets and bold, their text as text: ${JSON.stringify(notes)}`);
    check(await pres.evaluate(() => window.pwned === undefined), `${how}: nothing in the notes ran`);
  }
  await pres.close();
}

async function axe(p, where) {
  // Evaluated by the browser's protocol: the page's Content-Security-
  // Policy (only deck's own script runs) would refuse it as a script tag.
  if (!(await p.evaluate(() => typeof window.axe === "object"))) await p.evaluate(axeSource);
  // Colours are judged as shown: let fades and transitions end first.
  await p.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  const found = await p.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`));
  check(found.length === 0, `axe on ${where}: ${found.join("; ")}`);
}

finish();

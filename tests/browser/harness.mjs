// What the browser tests share: Debian's Chromium started as this
// network-less machine needs it, and a tally of named checks that ends
// the process with a summary line the Rust side reads.
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// Every check in the order made: [passed, what].
const checks = [];

export function check(ok, what) {
  checks.push([Boolean(ok), what]);
}

// Waits for a condition in the page; a timeout is a failed check, not a crash.
export async function waitFor(page, what, fn, arg, timeout = 15000) {
  try {
    await page.waitForFunction(fn, arg, { timeout });
    check(true, what);
    return true;
  } catch (_) {
    check(false, what);
    return false;
  }
}

// Print every check by name ("ok: …" or "FAIL: …"), then "N passed, M
// failed"; exit 1 on any failure.
export function finish() {
  for (const [ok, what] of checks) console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  const failed = checks.filter(([ok]) => !ok).length;
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

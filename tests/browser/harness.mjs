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

const failures = [];
let passed = 0;

export function check(ok, what) {
  if (ok) passed++;
  else failures.push(what);
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

// Print the failures and "N passed, M failed", and exit 1 on any failure.
export function finish() {
  for (const f of failures) console.error(`FAIL ${f}`);
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

// deck's player: scale the stage to the window, show one slide, keep the
// slide number in the URL (#N); keys, clicks and swipes to move; an
// overview grid (O), a blank screen (B), fullscreen (F) and a presenter
// view (S) in a second window that stays in step with this one. A slide
// whose list items carry data-step shows them one step at a time: the
// forward keys show the next item before they move to the next slide.
//
// The presenter view is this same file opened with "?presenter": it has
// every slide already, so it needs no copying between windows, and the two
// windows only exchange small messages. That works from file://, where
// Chromium gives each file an opaque origin and so forbids one window to
// touch the other's document, and it survives a reload of either window.
(() => {
  "use strict";
  const deck = document.getElementById("deck");
  const slides = Array.from(deck.querySelectorAll(":scope > .slide"));
  if (slides.length === 0) return;
  const root = document.documentElement;
  const W = deck.offsetWidth, H = deck.offsetHeight; // the stage, in CSS px
  root.style.setProperty("--ratio", `${W} / ${H}`);
  // The highlight colour is the deck's accent. Until the markup names it,
  // take it from a section slide, which is set on the accent colour.
  const section = deck.querySelector(':scope > .slide[data-layout="section"]');
  if (!getComputedStyle(root).getPropertyValue("--accent") && section && section.style.background) {
    root.style.setProperty("--accent", section.style.background);
  }
  const presenting = new URLSearchParams(location.search).has("presenter");
  let current = -1;
  let step = 0; // the step the current slide shows; 0 when it has none
  let blank = false;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A W×H stage scaled into a box, centred across it, and down it too
  // unless it should sit at the top (under a heading).
  function place(stage, boxW, boxH, top) {
    const s = Math.min(boxW / W, boxH / H);
    const y = top ? 0 : (boxH - H * s) / 2;
    stage.style.transform = `translate(${(boxW - W * s) / 2}px, ${y}px) scale(${s})`;
  }

  function fit() {
    if (!presenting) place(deck, window.innerWidth, window.innerHeight);
  }

  // "#7" is slide 7; "#slide-7" or any id inside a slide is that slide.
  // Anything else is not a slide (null), so it does not move the deck.
  function fromHash() {
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (_) { /* keep it as written */ }
    if (/^\d+$/.test(hash)) return Number(hash) - 1;
    const target = hash && document.getElementById(hash);
    const slide = target && target.closest(".slide");
    return slide ? slides.indexOf(slide) : null;
  }

  // --- Copies of slides, for the overview and the presenter view ---------

  // A copy is inert and hidden from assistive technology (the thumbnail's
  // caption or the presenter's headings say which slide it is): no ids, so
  // #N and labels still name one element, and no link targets, so nothing
  // in it takes focus.
  // A copy shows step `at`, or everything when `at` is not given.
  function copy(index, at) {
    const c = slides[index].cloneNode(true);
    showSteps(c, at === undefined ? Infinity : at);
    c.removeAttribute("id");
    c.classList.add("active");
    c.setAttribute("aria-hidden", "true");
    c.inert = true;
    for (const node of c.querySelectorAll("[id]")) node.removeAttribute("id");
    for (const link of c.querySelectorAll("[href]")) link.removeAttribute("href");
    for (const notes of c.querySelectorAll(".notes")) notes.remove();
    return c;
  }

  // A view is a box that shows one copy, rescaled whenever the box resizes.
  const resized = new ResizeObserver((entries) => entries.forEach((e) => fitView(e.target)));
  function view() {
    const v = el("div", "view");
    resized.observe(v);
    return v;
  }
  function fitView(v) {
    const c = v.firstElementChild;
    if (c && c.classList.contains("slide") && v.clientWidth > 0) place(c, v.clientWidth, v.clientHeight, true);
  }
  function setView(v, index, empty, at) {
    v.replaceChildren(index === null ? el("p", "empty", empty) : copy(index, at));
    fitView(v);
  }

  // --- Moving between slides ---------------------------------------------

  const status = el("p", "sr");
  status.setAttribute("role", "status");

  function stepsOf(index) {
    return Number(slides[index].dataset.steps) || 0;
  }

  // Items of later steps than `at` are hidden (and so not read out).
  function showSteps(slide, at) {
    for (const item of slide.querySelectorAll("li[data-step]")) {
      item.classList.toggle("later", Number(item.dataset.step) > at);
    }
  }

  // Shows slide `index` at step `wanted` (its first when not given); true
  // when that changed what is shown.
  function show(index, wanted) {
    const next = Math.max(0, Math.min(slides.length - 1, index));
    const steps = stepsOf(next);
    const at = steps ? Math.max(1, Math.min(steps, wanted || 1)) : 0;
    if (next === current && at === step) return false;
    const first = current < 0;
    const moved = next !== current;
    showSteps(slides[next], at);
    step = at;
    if (moved) {
      if (!first) slides[current].classList.remove("active");
      slides[next].classList.add("active");
      current = next;
      const hash = "#" + (next + 1);
      if (location.hash !== hash) history.pushState(null, "", hash);
      if (!first) status.textContent = "Slide " + slides[next].getAttribute("aria-label");
    } else {
      const shown = slides[next].querySelectorAll(`li[data-step="${at}"]`);
      status.textContent = Array.from(shown, (item) => item.textContent).join(" ");
    }
    if (overview) markCurrent();
    if (presenting) renderPresenter();
    return true;
  }

  // A move made here (not one received from the other window) is sent on.
  function go(index, wanted) {
    if (show(index, wanted)) send("state");
  }

  // On: the next step of this slide, else the next slide. Back: the step
  // before, else the previous slide as it was left, all steps shown.
  function forward() {
    if (step < stepsOf(current)) go(current, step + 1);
    else go(current + 1);
  }
  function backward() {
    if (step > 1) go(current, step - 1);
    else if (current > 0) go(current - 1, stepsOf(current - 1));
  }

  // The presenter view only says the screen is blank; it stays readable.
  function setBlank(on) {
    blank = on;
    if (ui) ui.flag.hidden = !on;
    if (!presenting) root.classList.toggle("blanked", on);
  }

  function toggleFullscreen() {
    const request = root.requestFullscreen || root.webkitRequestFullscreen;
    const exit = document.exitFullscreen || document.webkitExitFullscreen;
    const full = document.fullscreenElement || document.webkitFullscreenElement;
    const result = full ? exit && exit.call(document) : request && request.call(root);
    // A refused request (no permission, an iframe) leaves things as they are.
    if (result && result.catch) result.catch(() => {});
  }

  // --- Keeping the main window and the presenter view in step ------------
  //
  // Three ways, because each misses some case: BroadcastChannel reaches
  // every window of this file but is missing in old browsers; postMessage
  // reaches the opener and the popup whatever their origins; a localStorage
  // write (its "storage" event) reaches a window that lost its reference to
  // the other, as the main window does when it is reloaded. Each message
  // carries its sender and a count, so the copies that come the other ways
  // are dropped; a window only ever follows a window of the other role, so
  // two tabs of the deck do not drive each other.

  const role = presenting ? "presenter" : "audience";
  const key = "deck:" + location.pathname;
  const me = Math.random().toString(36).slice(2);
  const seen = new Map();
  const peers = new Set();
  let count = 0;
  let channel = null;
  if (window.opener) peers.add(window.opener);
  try {
    channel = new BroadcastChannel(key);
    channel.onmessage = (e) => receive(e.data, null);
  } catch (_) { /* no BroadcastChannel: the other two ways remain */ }

  function send(type) {
    const message = { key, from: me, role, n: ++count, type, slide: current, step, blank };
    try { if (channel) channel.postMessage(message); } catch (_) { /* closed */ }
    for (const peer of peers) {
      if (peer.closed) peers.delete(peer);
      else try { peer.postMessage(message, "*"); } catch (_) { /* gone */ }
    }
    try {
      localStorage.setItem(key, JSON.stringify(message));
      localStorage.removeItem(key); // the event has fired; leave nothing behind
    } catch (_) { /* storage off */ }
  }

  function receive(m, source) {
    if (!m || m.key !== key || m.role === role || typeof m.from !== "string") return;
    if (!(m.n > (seen.get(m.from) || 0))) return;
    seen.set(m.from, m.n);
    if (source) {
      peers.add(source);
      if (!presenting) presenterWindow = source; // S then finds it after a reload
    }
    // A window that just opened asks; the one already running answers, and
    // the newcomer takes its slide and blank state.
    if (m.type === "hello") return send("state");
    if (Number.isInteger(m.slide)) show(m.slide, m.step);
    setBlank(m.blank === true);
  }

  window.addEventListener("message", (e) => receive(e.data, e.source));
  window.addEventListener("storage", (e) => {
    if (e.key !== key || !e.newValue) return;
    try { receive(JSON.parse(e.newValue), null); } catch (_) { /* not ours */ }
  });

  let presenterWindow = null;
  function openPresenter() {
    if (presenterWindow && !presenterWindow.closed) {
      presenterWindow.focus();
      return;
    }
    const url = location.href.split(/[?#]/)[0] + "?presenter#" + (current + 1);
    presenterWindow = window.open(url, "deck-presenter:" + location.pathname, "popup,width=1200,height=760");
    if (presenterWindow) peers.add(presenterWindow);
  }

  // --- Overview: every slide as a button ---------------------------------

  let overview = null;
  let thumbs = [];
  let grid = null;

  function buildOverview() {
    overview = el("dialog", "overview");
    overview.setAttribute("aria-labelledby", "deck-overview-title");
    const head = el("div", "overview-head");
    const title = el("h2", "overview-title", "All slides");
    title.id = "deck-overview-title";
    head.append(title, el("p", "hint", "Arrow keys to choose, Enter to open, Esc to close"));
    grid = el("div", "grid");
    // Thumbnails get their copy when they scroll into sight: a long deck
    // does not copy every slide at once.
    const reveal = new IntersectionObserver((entries) => entries.forEach((e) => {
      if (e.isIntersecting) {
        reveal.unobserve(e.target);
        setView(e.target, thumbs.indexOf(e.target.parentNode));
      }
    }), { rootMargin: "50% 0px" });
    thumbs = slides.map((slide, i) => {
      const button = el("button", "thumb");
      button.type = "button";
      const v = view();
      reveal.observe(v);
      const caption = el("span", "cap");
      const label = slide.getAttribute("aria-label") || "";
      caption.append(el("span", "sr", "Slide "), el("b", "", String(i + 1)), " ",
        label.replace(/^\d+ of \d+: /, ""));
      button.append(v, caption);
      button.addEventListener("click", () => { go(i); closeOverview(); });
      return button;
    });
    grid.append(...thumbs);
    overview.append(head, grid);
    document.body.append(overview);
  }

  function markCurrent() {
    thumbs.forEach((t, i) => {
      if (i === current) t.setAttribute("aria-current", "true");
      else t.removeAttribute("aria-current");
    });
  }

  function openOverview() {
    if (!overview) buildOverview();
    markCurrent();
    overview.showModal();
    thumbs[current].focus();
  }

  function closeOverview() {
    if (overview && overview.open) overview.close();
  }

  // Arrows move the focus through the grid; Enter and Space are the
  // buttons' own.
  function overviewKey(e) {
    const at = thumbs.indexOf(document.activeElement);
    const i = at < 0 ? current : at;
    const columns = getComputedStyle(grid).gridTemplateColumns.split(" ").length;
    let target;
    switch (e.key) {
      case "ArrowRight": target = i + 1; break;
      case "ArrowLeft": target = i - 1; break;
      case "ArrowDown": target = i + columns; break;
      case "ArrowUp": target = i - columns; break;
      case "Home": target = 0; break;
      case "End": target = thumbs.length - 1; break;
      case "Escape": case "o": case "O": e.preventDefault(); closeOverview(); return;
      default: return;
    }
    e.preventDefault();
    thumbs[Math.max(0, Math.min(thumbs.length - 1, target))].focus();
  }

  // --- Presenter view ----------------------------------------------------

  let ui = null;

  function buildPresenter() {
    document.title = "Presenter view: " + document.title;
    root.classList.add("presenter");
    deck.hidden = true; // its slides stay, as the originals of the copies
    // Each pane is a region named by its heading.
    const pane = (name, title) => {
      const s = el("section", "pane " + name);
      const h = el("h2", "pane-title", title);
      h.id = "deck-pane-" + name;
      s.setAttribute("aria-labelledby", h.id);
      s.append(h);
      return s;
    };
    const shell = el("div", "console");
    const bar = el("header", "bar");
    const h1 = el("h1", "", "Presenter view");
    h1.append(el("span", "deck-title", deckTitle));
    const where = el("p", "where");
    const flag = el("p", "flag", "Screen blanked");
    flag.hidden = true;
    const clock = el("p", "clock");
    const elapsed = el("span", "time");
    const now = el("span", "time");
    const reset = el("button", "", "Reset");
    reset.type = "button";
    reset.setAttribute("aria-label", "Reset the elapsed time");
    clock.append(el("span", "label", "Elapsed"), elapsed, reset, el("span", "label", "Time"), now);
    bar.append(h1, where, flag, clock);

    const currentView = view();
    const nextView = view();
    const cur = pane("now", "Current slide");
    const nxt = pane("next", "Next slide");
    const notes = pane("notes", "Notes");
    const text = el("div", "notes-text");
    cur.append(currentView);
    nxt.append(nextView);
    notes.append(text);
    const nav = el("nav", "controls");
    nav.setAttribute("aria-label", "Slides");
    const prev = el("button", "", "Previous");
    const fwd = el("button", "", "Next");
    prev.type = fwd.type = "button";
    prev.addEventListener("click", backward);
    fwd.addEventListener("click", forward);
    nav.append(prev, fwd, el("p", "hint", "← → move · B blank · O overview"));
    const body = el("main", "panes");
    body.append(cur, nxt, notes, nav);
    shell.append(bar, body);
    document.body.append(shell);

    // The clock: elapsed since the view opened (Reset starts it again).
    let start = Date.now();
    const two = (n) => String(n).padStart(2, "0");
    const tick = () => {
      const s = Math.floor((Date.now() - start) / 1000);
      elapsed.textContent = `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
      now.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    };
    reset.addEventListener("click", () => { start = Date.now(); tick(); });
    tick();
    setInterval(tick, 1000);
    ui = { where, flag, currentView, nextView, text, nextTitle: nxt.querySelector(".pane-title") };
  }

  function renderPresenter() {
    if (!ui) return;
    const steps = stepsOf(current);
    ui.where.textContent = `Slide ${current + 1} of ${slides.length}` + (steps ? `, step ${step} of ${steps}` : "");
    setView(ui.currentView, current, "", step);
    // What the next press shows: this slide's next step, or the next slide.
    const more = step < steps;
    ui.nextTitle.textContent = more ? `Next step (${step + 1} of ${steps})` : "Next slide";
    if (more) setView(ui.nextView, current, "", step + 1);
    else setView(ui.nextView, current + 1 < slides.length ? current + 1 : null, "End of the deck", 1);
    const notes = slides[current].querySelector(".notes");
    const blocks = notes ? renderNotes(notes.textContent) : [];
    ui.text.replaceChildren(...(blocks.length ? blocks : [el("p", "empty", "No notes for this slide.")]));
  }

  // Speaker notes come as Markdown source text. Show paragraphs and "- " or
  // "1. " lists, with **bold**, *italic* and `code`, built from DOM nodes and
  // textContent only: nothing in the notes is ever parsed as HTML.
  function renderNotes(source) {
    const blocks = [];
    let para = null, list = null;
    for (const raw of source.split("\n")) {
      const line = raw.trim();
      const item = /^([-*+]|\d+[.)])\s+(.*)$/.exec(line);
      if (!line) {
        para = list = null;
      } else if (item) {
        const tag = /\d/.test(item[1]) ? "ol" : "ul";
        if (!list || list.localName !== tag) blocks.push(list = el(tag));
        const li = el("li");
        li.append(...inline(item[2]));
        list.append(li);
        para = null;
      } else if (list && /^\s/.test(raw)) {
        list.lastElementChild.append(" ", ...inline(line)); // an item's next line
      } else if (para) {
        para.append(" ", ...inline(line));
      } else {
        blocks.push(para = el("p"));
        para.append(...inline(line));
        list = null;
      }
    }
    return blocks;
  }

  function inline(text) {
    return text.split(/(\*\*[^*]+\*\*|__[^_]+__|`[^`]+`|\*[^*\s][^*]*\*|\[[^\]]+\]\([^)]*\))/)
      .filter(Boolean)
      .map((part) => {
        let m;
        if ((m = /^(\*\*|__)(.+)\1$/.exec(part))) return el("strong", "", m[2]);
        if ((m = /^`(.+)`$/.exec(part))) return el("code", "", m[1]);
        if ((m = /^\*(.+)\*$/.exec(part))) return el("em", "", m[1]);
        if ((m = /^\[(.+)\]\(.*\)$/.exec(part))) return m[1];
        return part; // appended as a text node
      });
  }

  // --- Input -------------------------------------------------------------

  // Digits typed, then Enter, jump to that slide; the number shows at the
  // bottom meanwhile and is forgotten after a pause or any other key.
  const typedBadge = el("div", "goto");
  typedBadge.setAttribute("aria-hidden", "true");
  typedBadge.hidden = true;
  let typed = "";
  let typedTimer = 0;
  function setTyped(value) {
    typed = value;
    typedBadge.textContent = "Go to slide " + typed;
    typedBadge.hidden = !typed;
    clearTimeout(typedTimer);
    if (typed) typedTimer = setTimeout(() => setTyped(""), 4000);
  }

  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (overview && overview.open) return overviewKey(e);
    if (/^[0-9]$/.test(e.key)) {
      e.preventDefault();
      return setTyped((typed + e.key).slice(-6));
    }
    if (typed && (e.key === "Enter" || e.key === "Escape" || e.key === "Backspace")) {
      e.preventDefault();
      if (e.key === "Enter") go(Number(typed) - 1);
      return setTyped(e.key === "Backspace" ? typed.slice(0, -1) : "");
    }
    if (typed) setTyped("");
    // Space and Enter on a focused button or link are that control's own.
    if ((e.key === " " || e.key === "Enter") && e.target.closest && e.target.closest("button, a[href]")) return;
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    let target = null;
    switch (k) {
      case "ArrowRight": case "ArrowDown": case "PageDown": forward(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": backward(); break;
      case " ": if (e.shiftKey) backward(); else forward(); break;
      case "Home": target = 0; break;
      case "End": target = slides.length - 1; break;
      case "f": toggleFullscreen(); break;
      case "o": case "Escape": openOverview(); break;
      case "b": case ".": setBlank(!blank); send("state"); break;
      case "s": if (!presenting) openPresenter(); break;
      default: return;
    }
    e.preventDefault();
    if (target !== null) go(target);
  });

  // A click or tap on the right half goes on, on the left half back. Not on
  // links and buttons, not in the presenter view, and not when the click
  // ends a text selection: the text on the slides is there to be copied.
  document.addEventListener("click", (e) => {
    if (presenting || e.button !== 0 || e.defaultPrevented) return;
    if (e.target.closest && e.target.closest("a[href], button, dialog")) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    if (e.clientX >= window.innerWidth / 2) forward();
    else backward();
  });

  // A horizontal swipe: right to left goes on, left to right goes back.
  let touch = null;
  document.addEventListener("touchstart", (e) => {
    touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
  }, { passive: true });
  document.addEventListener("touchend", (e) => {
    const start = touch;
    touch = null;
    if (!start || presenting || (overview && overview.open)) return;
    const end = e.changedTouches[0];
    const dx = end.clientX - start.x, dy = end.clientY - start.y;
    if (Math.abs(dx) > 40 && Math.abs(dx) > 2 * Math.abs(dy)) {
      if (dx < 0) forward();
      else backward();
    }
  }, { passive: true });

  const fromHistory = () => {
    const index = fromHash();
    if (index !== null && index !== current) go(index);
  };
  window.addEventListener("hashchange", fromHistory);
  window.addEventListener("popstate", fromHistory);
  window.addEventListener("resize", fit);

  const deckTitle = deck.getAttribute("aria-label") || document.title;
  if (presenting) buildPresenter();
  else deck.append(status);
  document.body.append(typedBadge);
  fit();
  const start = fromHash();
  show(start === null ? 0 : start);
  send("hello");
})();

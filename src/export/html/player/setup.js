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


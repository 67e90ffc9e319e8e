// deck's player: scale the stage to the window, show one slide, keep the
// slide number in the URL (#N), navigate with the keyboard.
(() => {
  "use strict";
  const deck = document.getElementById("deck");
  const slides = Array.from(deck.querySelectorAll(":scope > .slide"));
  if (slides.length === 0) return;
  let current = -1;

  function fit() {
    const w = deck.offsetWidth, h = deck.offsetHeight;
    const s = Math.min(window.innerWidth / w, window.innerHeight / h);
    const x = (window.innerWidth - w * s) / 2, y = (window.innerHeight - h * s) / 2;
    deck.style.transform = `translate(${x}px, ${y}px) scale(${s})`;
  }

  function fromHash() {
    const n = parseInt(location.hash.slice(1), 10);
    return Number.isFinite(n) ? n - 1 : 0;
  }

  function show(index) {
    const next = Math.max(0, Math.min(slides.length - 1, index));
    if (next === current) return;
    if (current >= 0) slides[current].classList.remove("active");
    slides[next].classList.add("active");
    current = next;
    const hash = "#" + (next + 1);
    if (location.hash !== hash) history.pushState(null, "", hash);
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    let target = null;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": target = current + 1; break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": target = current - 1; break;
      case " ": target = event.shiftKey ? current - 1 : current + 1; break;
      case "Home": target = 0; break;
      case "End": target = slides.length - 1; break;
      default: return;
    }
    event.preventDefault();
    show(target);
  });
  window.addEventListener("hashchange", () => show(fromHash()));
  window.addEventListener("popstate", () => show(fromHash()));
  window.addEventListener("resize", fit);
  fit();
  show(fromHash());
})();

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

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


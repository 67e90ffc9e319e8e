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
    // The notes are HTML deck wrote from the deck's own Markdown reading:
    // shown as copies, nothing parsed here.
    const notes = slides[current].querySelector(".notes");
    const blocks = notes ? Array.from(notes.childNodes, (n) => n.cloneNode(true)) : [];
    ui.text.replaceChildren(...(blocks.length ? blocks : [el("p", "empty", "No notes for this slide.")]));
  }


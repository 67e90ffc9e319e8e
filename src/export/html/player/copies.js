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


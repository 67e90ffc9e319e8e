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


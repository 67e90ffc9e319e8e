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
  // The presenter view's opener is the deck that opened it; a deck opened
  // by some other page does not take that page's word.
  if (presenting && window.opener) peers.add(window.opener);
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

  // Messages are taken from the other window of this deck only: one this
  // window opened or was opened by, or one of its own (not opaque) origin.
  window.addEventListener("message", (e) => {
    if (peers.has(e.source) || (e.origin === location.origin && e.origin !== "null")) receive(e.data, e.source);
  });
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


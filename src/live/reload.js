// Live preview: reload when the server has a new build (the URL's #N keeps
// the slide), and show the errors of a failed build over the last good deck.
(() => {
  const events = new EventSource('/_deck/events');
  let overlay = null;
  events.addEventListener('hello', (e) => {
    // A build finished between this page's load and this connection.
    if (Number(e.data) !== deckLiveGeneration) location.reload();
  });
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('failed', (e) => {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'deck-live-error';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
        'margin:0;padding:16px 20px;background:#1b1f27f2;color:#f4f4f4;font:14px/1.45 ui-monospace,monospace;' +
        'border-top:4px solid #d64545';
      const heading = document.createElement('p');
      heading.style.cssText = 'margin:0 0 8px;font-weight:bold;color:#ff9b9b';
      heading.textContent = 'The last build failed; this is the last good deck.';
      const text = document.createElement('pre');
      text.style.cssText = 'margin:0;white-space:pre-wrap';
      // To read the slide under it; the next failed build shows it again.
      const hide = document.createElement('button');
      hide.type = 'button';
      hide.textContent = 'Hide';
      hide.style.cssText = 'position:absolute;top:12px;right:16px;font:inherit;padding:2px 10px;' +
        'color:inherit;background:transparent;border:1px solid #8a8f98;border-radius:4px;cursor:pointer';
      hide.addEventListener('click', () => { overlay.remove(); overlay = null; });
      overlay.append(heading, text, hide);
      document.body.append(overlay);
    }
    overlay.querySelector('pre').textContent = e.data;
  });
})();

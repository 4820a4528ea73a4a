// Small progressive enhancements; every page works without this file.
document.addEventListener('keydown', (e) => {
  // Escape closes an inline cell editor by clicking its cancel link.
  if (e.key !== 'Escape') return;
  const form = e.target instanceof Element ? e.target.closest('form[data-cancel]') : null;
  const cancel = form && form.querySelector('a.cancel');
  if (cancel) { e.preventDefault(); cancel.click(); }
});

// A global "Working…" badge for any htmx request that takes longer than a blink (300 ms).
(() => {
  let inFlight = 0;
  let timer = null;
  const badge = () => document.getElementById('busy');
  document.addEventListener('htmx:before:request', () => {
    inFlight += 1;
    if (!timer) timer = setTimeout(() => badge()?.classList.add('htmx-request'), 300);
  });
  document.addEventListener('htmx:finally:request', () => {
    inFlight = Math.max(0, inFlight - 1);
    if (inFlight > 0) return;
    clearTimeout(timer);
    timer = null;
    badge()?.classList.remove('htmx-request');
  });
})();

// Copy buttons (a shown-once API token): `data-copy` names the field to copy, `data-copied` what to say after.
// They are `hidden` in the page and shown here, so without JavaScript nobody sees a button that does nothing.
(() => {
  for (const button of document.querySelectorAll('button[data-copy]')) button.hidden = false;
  document.addEventListener('click', async (e) => {
    const button = e.target instanceof Element ? e.target.closest('button[data-copy]') : null;
    const field = button && document.getElementById(button.dataset.copy);
    if (!field) return;
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
    } catch {
      // No clipboard permission (plain http, an old browser): the value stays selected for Ctrl+C.
    }
  });
})();

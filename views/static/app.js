// Small progressive enhancements; every page works without this file.
document.addEventListener('keydown', (e) => {
  // Escape closes an inline cell editor by clicking its cancel link.
  if (e.key !== 'Escape') return;
  const form = e.target instanceof Element ? e.target.closest('form[data-cancel]') : null;
  const cancel = form && form.querySelector('a.cancel');
  if (cancel) { e.preventDefault(); cancel.click(); }
});

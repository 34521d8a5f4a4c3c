// The search box's script (search.js) loads the first time the box gets focus, so that
// pages carry none of it; "/" focuses the box from anywhere on the page.

/** Loads the search script on the box's first focus, and makes "/" focus the box. */
export function loadSearchOnFocus(form) {
  if (!form) return;
  const input = form.querySelector('.search-input');
  input.addEventListener('focus', () => document.head.append(Object.assign(document.createElement('script'), { src: form.dataset.js })), { once: true });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
}

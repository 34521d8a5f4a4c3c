// The menu is a scrolling column: bring the current page's entry into it, on load and
// whenever the small-screen menu opens. (Opening and closing need no script.)

/** Scrolls the menu, never the page, so that its current entry shows. */
export function showCurrentInMenu(menu, control) {
  const current = menu?.querySelector('[aria-current="page"]');
  if (!current) return;
  const reveal = () => {
    const top = current.getBoundingClientRect().top - menu.getBoundingClientRect().top + menu.scrollTop;
    if (top + current.offsetHeight > menu.scrollTop + menu.clientHeight || top < menu.scrollTop) {
      menu.scrollTop = top - menu.clientHeight / 3;
    }
  };
  requestAnimationFrame(reveal);
  control?.addEventListener('change', () => requestAnimationFrame(reveal));
}

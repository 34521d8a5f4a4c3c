// The dark-theme toggle: the page follows the system setting until the reader presses
// the button; the choice is kept in localStorage and applied before the first paint by
// the inline snippet in layouts/partials/head/theme-init.js.
const STORAGE_KEY = 'theme';

/** Wires the toggle button: aria-pressed says whether the dark theme is showing. */
export function setUpThemeToggle(button) {
  if (!button) return;
  const root = document.documentElement;
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  const current = () => root.getAttribute('data-theme') || (systemDark.matches ? 'dark' : 'light');
  const render = () => button.setAttribute('aria-pressed', String(current() === 'dark'));

  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be disabled; the choice then lasts until the page is left.
    }
    render();
  });
  systemDark.addEventListener('change', render);
  render();
}

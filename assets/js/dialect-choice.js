// Keeps every block showing the database the reader chose last, on this page and the
// next: the tabs themselves are radio buttons and work without this script.
const KEY = 'dialect';

/** Selects `dialect` in every group that offers it. */
function show(choices, dialect) {
  for (const choice of choices) {
    if (choice.value === dialect) choice.checked = true;
  }
}

/** Remembers the reader's choice and applies it to every block. */
export function rememberDialect(choices) {
  if (choices.length === 0) return;
  let stored = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // Storage is off (private mode): choices last as long as the page.
  }
  if (stored) show(choices, stored);
  for (const choice of choices) {
    choice.addEventListener('change', () => {
      show(choices, choice.value);
      try {
        localStorage.setItem(KEY, choice.value);
      } catch {
        // As above.
      }
    });
  }
}

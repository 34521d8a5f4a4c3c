// Verified TypeScript blocks show the type of each name on hover, focus or tap. What
// shows them (a script, its styles and the page's types) loads on the reader's first
// pointer, focus or touch on such a block, so none of it weighs on the page.
const EVENTS = ['pointerover', 'pointerdown', 'focusin'];

/** Loads the type hovers the first time the reader reaches a block that has them. */
export function loadTypesOnDemand(data) {
  const start = (event) => {
    if (!event.target.closest?.('[data-t]')) return;
    for (const type of EVENTS) document.removeEventListener(type, start, true);
    // The script replays what started it: a tap, a focus or the pointer's place.
    data.trigger = event;
    document.head.append(Object.assign(document.createElement('script'), { src: data.dataset.js }));
  };
  if (data) for (const type of EVENTS) document.addEventListener(type, start, true);
}

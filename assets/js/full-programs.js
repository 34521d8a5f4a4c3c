// The complete program of a page ({{< fullcode >}}) is a separate file, fetched the
// first time the reader opens its block.

/** Loads each block's program when it is opened, then calls `onLoaded` with its code block. */
export function loadProgramsOnOpen(blocks, onLoaded) {
  for (const details of blocks) {
    let loading;
    details.addEventListener('toggle', () => {
      if (!details.open || loading) return;
      loading = fetch(details.dataset.src)
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
          return response.text();
        })
        .then((html) => {
          const template = document.createElement('template');
          template.innerHTML = html;
          const block = template.content.querySelector('.highlight');
          if (!block) throw new Error('no code in the response');
          details.querySelector('.fullcode-fallback')?.replaceWith(block);
          onLoaded(block);
        })
        .catch(() => {
          loading = undefined;
        });
    });
  }
}

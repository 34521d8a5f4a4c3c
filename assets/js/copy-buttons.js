// A "Copy" button on every code block. It copies the code's text only: line numbers
// are CSS counters, and the types and errors under lines are left out.
let status;

/** Adds a copy button to each block; the result is announced to screen readers. */
export function addCopyButtons(blocks) {
  for (const block of blocks) {
    const code = block.querySelector('code');
    if (code) block.append(copyButton(code));
  }
}

function copyButton(code) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  let timer;
  button.addEventListener('click', async () => {
    let message;
    try {
      await navigator.clipboard.writeText(codeText(code));
      button.textContent = 'Copied';
      button.setAttribute('data-copied', '');
      message = 'Code copied to the clipboard';
    } catch {
      window.getSelection().selectAllChildren(code);
      button.textContent = 'Press Ctrl+C';
      message = 'The code is selected; press Control C or Command C to copy it';
    }
    announce(message);
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.textContent = 'Copy';
      button.removeAttribute('data-copied');
    }, 2000);
  });
  return button;
}

/** The code as the reader would type it: without the types and errors shown under lines (`.ann`). */
function codeText(code) {
  const copy = code.cloneNode(true);
  for (const note of copy.querySelectorAll('.ann')) note.remove();
  return copy.textContent.replace(/\n$/, '');
}

function announce(message) {
  if (!status) {
    status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    document.body.append(status);
  }
  status.textContent = message;
}

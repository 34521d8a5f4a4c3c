// The type hovers of verified TypeScript blocks, loaded by types-loader.js on first use.
// Each name the build found a type for becomes a target: the pointer shows its type,
// a tap shows it until the next tap elsewhere, and from the keyboard Enter in a block
// walks its names with the arrow keys (Escape leaves). One tooltip serves the page.
import { loadStylesheet } from './load-stylesheet.js';

const data = document.getElementById('type-data');
const tip = document.createElement('div');
const typeOf = new WeakMap();
let current;
let hideTimer;
let pinned = false;

tip.id = 'type-tip';
tip.className = 'type-tip';
tip.setAttribute('role', 'tooltip');
tip.hidden = true;

Promise.all([fetch(data.dataset.src).then((response) => response.json()), loadStylesheet(data.dataset.css)])
  .then(([types]) => {
    // Inside the main landmark, like everything the page shows.
    (document.querySelector('main') ?? document.body).append(tip);
    for (const block of document.querySelectorAll('.highlight[data-t]')) {
      const entry = types[block.dataset.t];
      if (entry) markNames(block.querySelector('code'), entry);
      block.querySelector('pre').addEventListener('keydown', onKey);
    }
    listen();
    replay(data.trigger);
  })
  .catch(() => {});

/** Wraps each name of the code in a target holding its type; offsets skip the notes (`.ann`). */
function markNames(code, { at, types }) {
  const nodes = [];
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest('.ann') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let offset = 0;
  while (walker.nextNode()) {
    nodes.push({ node: walker.currentNode, start: offset });
    offset += walker.currentNode.data.length;
  }
  // From the last name back, so that splitting a text node never moves an earlier one.
  for (const [start, length, index] of [...at].reverse()) {
    const found = nodes.findLast((entry) => entry.start <= start);
    if (!found || start - found.start + length > found.node.data.length) continue;
    const name = found.node.splitText(start - found.start);
    name.splitText(length);
    const target = document.createElement('span');
    target.className = 'tt';
    target.tabIndex = -1;
    name.replaceWith(target);
    target.append(name);
    typeOf.set(target, types[index]);
  }
}

function listen() {
  document.addEventListener('pointerover', (event) => {
    if (event.pointerType === 'touch') return;
    const target = targetOf(event.target);
    if (target) show(target);
    else if (!pinned && !tip.contains(event.target)) hideSoon();
    if (tip.contains(event.target)) clearTimeout(hideTimer);
  });
  document.addEventListener('click', (event) => {
    const target = targetOf(event.target);
    if (target) {
      show(target);
      pinned = true;
    } else if (!tip.contains(event.target)) {
      pinned = false;
      hide();
    }
  });
  document.addEventListener('focusin', (event) => {
    const target = targetOf(event.target);
    if (target) show(target);
    else if (isBlock(event.target) && event.target.matches(':focus-visible')) hint(event.target);
    else if (!pinned) hide();
  });
  document.addEventListener('focusout', (event) => {
    if (event.target === current && !pinned) hide();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !tip.hidden) {
      pinned = false;
      hide();
    }
  });
  for (const type of ['resize', 'scroll']) window.addEventListener(type, () => current && place(current), { passive: true });
}

/** Enter in a block moves to its first name; arrows move between names; Escape goes back to the block. */
function onKey(event) {
  const pre = event.currentTarget;
  const names = [...pre.querySelectorAll('.tt')];
  if (names.length === 0) return;
  const index = names.indexOf(event.target);
  let next;
  if (event.target === pre && event.key === 'Enter') next = names[0];
  else if (index < 0) return;
  else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = names[Math.min(index + 1, names.length - 1)];
  else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = names[Math.max(index - 1, 0)];
  else if (event.key === 'Home') next = names[0];
  else if (event.key === 'End') next = names[names.length - 1];
  else if (event.key === 'Escape') next = pre;
  if (!next) return;
  event.preventDefault();
  next.focus();
}

function replay(event) {
  if (!event) return;
  if (event.type === 'focusin') {
    const target = targetOf(document.activeElement);
    if (target) show(target);
    else if (isBlock(document.activeElement) && document.activeElement.matches(':focus-visible')) hint(document.activeElement);
    return;
  }
  const target = targetOf(document.elementFromPoint(event.clientX, event.clientY));
  if (target) {
    show(target);
    pinned = event.type === 'pointerdown' || event.pointerType === 'touch';
  }
}

function show(target) {
  clearTimeout(hideTimer);
  if (current && current !== target) current.removeAttribute('aria-describedby');
  current = target;
  tip.textContent = typeOf.get(target);
  tip.classList.remove('type-hint');
  tip.hidden = false;
  target.setAttribute('aria-describedby', tip.id);
  place(target);
}

function hint(pre) {
  if (current) current.removeAttribute('aria-describedby');
  current = pre;
  tip.textContent = 'Enter: read the type of each name (arrow keys move, Escape leaves)';
  tip.classList.add('type-hint');
  tip.hidden = false;
  pre.setAttribute('aria-describedby', tip.id);
  place(pre);
}

function hide() {
  clearTimeout(hideTimer);
  tip.hidden = true;
  current?.removeAttribute('aria-describedby');
  current = undefined;
}

function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, 300);
}

/** Puts the tooltip (fixed in the viewport) under its target, above it when there is no room below. */
function place(target) {
  const box = target.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  tip.style.maxWidth = `${Math.min(width - 16, 640)}px`;
  const left = Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8));
  const below = box.bottom + 6;
  const top = below + tip.offsetHeight > window.innerHeight && box.top - tip.offsetHeight - 6 > 0 ? box.top - tip.offsetHeight - 6 : below;
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

function targetOf(element) {
  return element?.closest?.('.tt') && typeOf.has(element.closest('.tt')) ? element.closest('.tt') : undefined;
}

function isBlock(element) {
  return element?.matches?.('.highlight[data-t] > pre');
}

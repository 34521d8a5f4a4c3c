// The header's search box, backed by Pagefind. This script, Pagefind's library and
// index, and the results' stylesheet are loaded the first time the box gets focus (or
// "/" is pressed; see search-loader.js), never with the page.
import { loadStylesheet } from './load-stylesheet.js';

const MAX_RESULTS = 8;
const MAX_SUB_RESULTS = 3;

/** Wires the search box: results appear under it as the reader types; Enter opens the first. */
export function setUpSearch(form) {
  if (!form) return;
  const input = form.querySelector('.search-input');
  const panel = form.querySelector('.search-results');
  const list = form.querySelector('.search-list');
  const status = form.querySelector('.search-status');
  let pagefind;
  let latest = 0;

  const load = () => {
    pagefind ??= Promise.all([import(form.dataset.pagefind), loadStylesheet(form.dataset.stylesheet)]).then(async ([library]) => {
      await library.options({ excerptLength: 16 });
      library.init();
      return library;
    });
    return pagefind;
  };

  const open = (isOpen) => {
    panel.hidden = !isOpen;
  };

  const links = () => [...list.querySelectorAll('a')];

  const show = async (query) => {
    const ticket = ++latest;
    if (query.trim() === '') {
      list.replaceChildren();
      status.textContent = '';
      open(false);
      return;
    }
    let items;
    try {
      const library = await load();
      const search = await library.search(query);
      items = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    } catch {
      if (ticket !== latest) return;
      list.replaceChildren(message('Search is not available: the index has not been built (npm run build).'));
      status.textContent = 'Search is not available';
      open(true);
      return;
    }
    if (ticket !== latest) return;
    list.replaceChildren(...(items.length > 0 ? items.map(resultItem) : [message(`No page mentions “${query}”.`)]));
    status.textContent = items.length === 0 ? 'No results' : `${items.length} result${items.length === 1 ? '' : 's'}`;
    open(true);
  };

  input.addEventListener('focus', () => {
    load().catch(() => {});
    if (list.children.length > 0) open(true);
  });
  input.addEventListener('input', () => show(input.value));
  form.addEventListener('keydown', (event) => {
    const all = links();
    const index = all.indexOf(document.activeElement);
    if (event.key === 'Enter' && event.target === input) {
      event.preventDefault();
      links()[0]?.click();
    } else if (event.key === 'Escape') {
      open(false);
      input.focus();
    } else if (event.key === 'ArrowDown' && all.length > 0) {
      event.preventDefault();
      if (panel.hidden) open(true);
      all[Math.min(index + 1, all.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && index >= 0) {
      event.preventDefault();
      if (index === 0) input.focus();
      else all[index - 1].focus();
    }
  });

  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget)) open(false);
  });

  // This script loads when the box first gets focus (search-loader.js): catch up with it.
  if (document.activeElement === input) {
    load().catch(() => {});
    if (input.value) show(input.value);
  }
}


function resultItem(data) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = data.url;
  const title = element('span', 'search-result-title', data.meta.title || data.url);
  if (data.meta.chapter && data.meta.chapter !== data.meta.title) {
    title.append(' ', element('span', 'search-result-chapter', `· ${data.meta.chapter}`));
  }
  const excerpt = element('span', 'search-result-excerpt');
  excerpt.innerHTML = data.excerpt;
  link.append(title, excerpt);
  item.append(link);

  const sections = (data.sub_results || []).filter((sub) => sub.url !== data.url && sub.url.includes('#')).slice(0, MAX_SUB_RESULTS);
  if (sections.length > 0) {
    const sub = element('ul', 'search-sub');
    for (const section of sections) {
      const subItem = document.createElement('li');
      const subLink = document.createElement('a');
      subLink.href = section.url;
      subLink.append(element('span', 'search-result-title', section.title));
      subItem.append(subLink);
      sub.append(subItem);
    }
    item.append(sub);
  }
  return item;
}

function message(text) {
  const item = document.createElement('li');
  item.append(element('p', 'search-message', text));
  return item;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

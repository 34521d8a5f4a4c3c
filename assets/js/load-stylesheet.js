// Stylesheets that load with what uses them (search results, type hovers), never with the page.

/** Adds a stylesheet to the page; resolves once it has loaded, or failed to. */
export function loadStylesheet(href) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = resolve;
    link.onerror = resolve;
    document.head.append(link);
  });
}

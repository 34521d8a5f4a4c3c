/**
 * Reading a built site for the checks: its files, each page's public URL, the URLs a
 * page refers to, and the ids it defines (for #fragment links).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { NodeType, Parser, StaticConfigLoader, type DOMNode, type HtmlElement } from 'html-validate';
import type { BuiltSite } from './build-site.ts';

/** Files Pagefind writes; they are loaded on demand and not part of the theme's pages. */
export const SEARCH_DIR = 'pagefind';
/** The complete programs ({{< fullcode >}}), HTML fragments loaded on demand. */
export const PROGRAMS_DIR = 'examples';

/** Lists every file of a built site, as paths relative to its directory with `/`. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The site's pages: every HTML document outside the search and program folders. */
export async function listPages(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter(
    (file) => file.endsWith('.html') && !file.startsWith(`${SEARCH_DIR}/`) && !file.startsWith(`${PROGRAMS_DIR}/`),
  );
}

/** The public URL of a built file: `docs/x/index.html` → `<baseURL>docs/x/`. */
export function publicUrl(site: BuiltSite, file: string): string {
  return new URL(file.replace(/(^|\/)index\.html$/, '$1'), site.baseURL).href;
}

/** Maps a URL back to the file that serves it, or undefined when it is outside the site. */
export function fileForUrl(site: BuiltSite, url: URL): string | undefined {
  const base = new URL(site.baseURL);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return undefined;
  const path = decodeURIComponent(url.pathname.slice(base.pathname.length));
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

const parserPromise = Promise.resolve(new StaticConfigLoader({ extends: [] }).getConfigFor('page.html')).then((config) => new Parser(config));

/** Parses an HTML document into html-validate's DOM (querySelectorAll, attributes, text). */
export async function parseHtml(source: string): Promise<HtmlElement> {
  return (await parserPromise).parseHtml(source);
}

export interface Reference {
  /** What refers: e.g. `a[href]`, `link[rel=stylesheet]`. */
  via: string;
  /** The attribute's value as written. */
  value: string;
}

const REFERENCE_ATTRIBUTES: Array<[selector: string, attribute: string]> = [
  ['a[href]', 'href'],
  ['link[href]', 'href'],
  ['script[src]', 'src'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
  ['[data-src]', 'data-src'],
  ['[data-pagefind]', 'data-pagefind'],
  ['[data-stylesheet]', 'data-stylesheet'],
  ['meta[property="og:url"]', 'content'],
  ['meta[property="og:image"]', 'content'],
];

/** Every URL a page refers to: links, assets, lazily loaded files, its Open Graph URLs. */
export function references(root: HtmlElement): Reference[] {
  const found: Reference[] = [];
  for (const [selector, attribute] of REFERENCE_ATTRIBUTES) {
    for (const element of root.querySelectorAll(selector)) {
      const value = element.getAttributeValue(attribute);
      if (value !== null) found.push({ via: `${element.tagName}[${attribute}]`, value });
    }
  }
  for (const element of root.querySelectorAll('img[srcset], source[srcset]')) {
    for (const candidate of (element.getAttributeValue('srcset') ?? '').split(',')) {
      const value = candidate.trim().split(/\s+/)[0];
      if (value) found.push({ via: `${element.tagName}[srcset]`, value });
    }
  }
  return found;
}

/** The ids a page defines, for checking `#fragment` links. */
export function ids(root: HtmlElement): Set<string> {
  return new Set(root.querySelectorAll('[id]').flatMap((element) => (element.id ? [element.id] : [])));
}

/** The text a reader sees outside code (<pre>, <code>, <script>, <style>), entities decoded. */
export function proseText(node: DOMNode): string {
  if (node.nodeType === NodeType.TEXT_NODE) return decodeEntities(node.textContent);
  if (node.nodeType === NodeType.ELEMENT_NODE && ['pre', 'code', 'script', 'style'].includes(node.nodeName.toLowerCase())) return ' ';
  return node.childNodes.map(proseText).join('');
}

/** Decodes HTML character references (`&amp;`, `&#39;`, `&#x27;`, `&rsquo;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const decoded = decodeNamedCharacterReference(name);
    return decoded === false ? whole : decoded;
  });
}

/** Reads a file of the built site as text. */
export function readSiteFile(site: BuiltSite, file: string): Promise<string> {
  return readFile(join(site.dir, file), 'utf8');
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listPages } from './files.ts';
import type { Problem } from './problem.ts';
import { parseOptions, readReferences, type BlockReference, type FullcodeReference } from './references.ts';
import type { Session } from './session.ts';
import type { LocatedPage } from './shortcodes.ts';
import { cacheKey } from './store.ts';

/** A code block the reader sees that no example backs: a Markdown fence, or a `highlight` block without a view. */
export interface UnboundBlock {
  kind: 'fence' | 'highlight';
  /** The language, lower-cased; empty when the block names none. */
  lang: string;
  /** A fence's info string after the language, or a `highlight` block's options. */
  options: string;
  /** What the block shows. */
  text: string;
  line: number;
  /** Marked as typed by hand on purpose: `handwritten=true` in its options or fence attributes. */
  handwritten: boolean;
}

/**
 * Everything the build knows about one page: the blocks bound to examples, the complete
 * programs it links, and the code it shows by hand. The build, the content rules and the
 * reader replay all read pages through this one model.
 */
export interface PageModel {
  /** Path relative to the repository root, e.g. `content/docs/x.md`. */
  file: string;
  text: string;
  blocks: BlockReference[];
  fullcode: FullcodeReference[];
  unbound: UnboundBlock[];
  problems: Problem[];
}

/** Builds a page's model from what the shortcode finder located in it. Pure. */
export function modelPage(file: string, text: string, located: LocatedPage): PageModel {
  const references = readReferences(located.shortcodes, file);
  const bound = new Set(references.blocks.map((block) => block.line));
  const unbound: UnboundBlock[] = located.fences.map((fence) => ({
    kind: 'fence',
    lang: fence.lang.toLowerCase(),
    options: fence.meta,
    text: fence.value,
    line: fence.line,
    handwritten: fenceAttributes(fence.meta).get('handwritten') === 'true',
  }));
  for (const shortcode of located.shortcodes) {
    if (shortcode.name !== 'highlight' || !shortcode.body || bound.has(shortcode.line)) continue;
    // A block with a problem in its options is reported as that problem, not as unbound.
    if (references.problems.some((problem) => problem.line === shortcode.line)) continue;
    unbound.push({
      kind: 'highlight',
      lang: (shortcode.args[0] ?? '').toLowerCase(),
      options: shortcode.args[1] ?? '',
      text: text.slice(shortcode.body.start, shortcode.body.end).replace(/^\n|\n$/g, ''),
      line: shortcode.line,
      handwritten: parseOptions(shortcode.args[1] ?? '').get('handwritten') === 'true',
    });
  }
  unbound.sort((a, b) => a.line - b.line);
  return { file, text, blocks: references.blocks, fullcode: references.fullcode, unbound, problems: [...located.problems, ...references.problems] };
}

/** Reads a fence's attributes, `{key=value, other="value"}` after its language, as Hugo does. */
export function fenceAttributes(meta: string): Map<string, string> {
  const inner = /^\s*\{([^}]*)\}\s*$/.exec(meta)?.[1];
  const attributes = new Map<string, string>();
  for (const match of (inner ?? '').matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g)) {
    attributes.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return attributes;
}

/** Parses one page; the markdown parser loads only when the page is not in the store. */
export async function parsePage(session: Session, file: string, text: string): Promise<PageModel> {
  const shelf = session.store.shelf<LocatedPage>('pages');
  const key = cacheKey((await session.fingerprints()).renderers, file, text);
  let located = await shelf.get(key);
  if (!located) {
    const { findShortcodes } = await import('./shortcodes.ts');
    located = findShortcodes(text, file);
    await shelf.set(key, located);
  }
  return modelPage(file, text, located);
}

/**
 * Reads and models the pages under `content/`, or only those whose path starts with one
 * of `only` (e.g. `content/docs/querying`).
 */
export async function readPages(session: Session, only: readonly string[] = []): Promise<PageModel[]> {
  const prefixes = only.map((prefix) => prefix.replace(/\/+$/, ''));
  const files = (await listPages(session.root, 'content')).filter(
    (file) => prefixes.length === 0 || prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`)),
  );
  return Promise.all(files.map(async (file) => parsePage(session, file, await readFile(join(session.root, file), 'utf8'))));
}

/** The examples (`code/...` paths) that pages quote or link, sorted. */
export function quotedExamples(pages: readonly PageModel[]): string[] {
  return [...new Set(pages.flatMap((page) => [...page.blocks, ...page.fullcode].map((reference) => `code/${reference.example}`)))].sort();
}

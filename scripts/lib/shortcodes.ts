import type { Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Problem } from './problem.ts';

/** A Hugo shortcode found in a page's prose (not in code or an HTML comment). */
export interface Shortcode {
  name: string;
  /** Positional arguments, unquoted. */
  args: string[];
  /** Offsets of the opening tag in the page. */
  start: number;
  end: number;
  /** 1-based line and column of the opening tag. */
  line: number;
  column: number;
  /** For shortcodes with a body (`highlight`, `schemadiagram`), the offsets between the two tags. */
  body?: { start: number; end: number };
}

/** Shortcodes that take a body and a closing tag. */
const BODY_SHORTCODES = new Set(['highlight', 'schemadiagram']);

interface Tag {
  name: string;
  closing: boolean;
  rawArgs: string;
  start: number;
  end: number;
}

// `{{< name args >}}`, `{{% name args %}}` and their closing forms. An escaped tag
// (`{{</* name */>}}`) does not match, because a name cannot start with `*`.
const TAG = /\{\{([<%])\s*(\/)?\s*([A-Za-z][\w-]*)([^]*?)\s*([>%])\}\}/g;

/**
 * Finds the shortcodes of a page. A markdown parse decides what is prose: a tag inside a
 * fenced or indented code block, inline code or an HTML comment is an example, not a tag.
 * Bodies are masked before parsing, so that text inside a body (a code fence in an
 * example's output, say) cannot change how the rest of the page parses.
 */
/** A Markdown code fence in a page's prose (outside every shortcode body). */
export interface Fence {
  /** The info string's first word, e.g. `sh`; empty when the fence names no language. */
  lang: string;
  /** The rest of the info string, e.g. `{linenos=table}`. */
  meta: string;
  /** The fence's content. */
  value: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** What a page holds that the build reads: its shortcodes, its fences, and the problems found. */
export interface LocatedPage {
  shortcodes: Shortcode[];
  fences: Fence[];
  problems: Problem[];
}

export function findShortcodes(text: string, file: string): LocatedPage {
  const tags = [...text.matchAll(TAG)].map(
    (match): Tag => ({
      name: match[3] ?? '',
      closing: match[2] === '/',
      rawArgs: match[4] ?? '',
      start: match.index,
      end: match.index + match[0].length,
    }),
  );

  // First guess: every tag is real. Masking the bodies that guess finds keeps what they
  // contain from confusing the parse; a tag the parse then shows to be inside code or a
  // comment changes the guess, and the page is parsed again until the guess holds.
  let guess = pairTags(text, tags, file);
  let result = guess;
  let fences: Fence[] = [];
  for (let round = 0; round < 10; round++) {
    const verbatim = verbatimNodes(maskBodies(text, guess.shortcodes));
    fences = verbatim.fences;
    const inProse = tags.filter((tag) => !verbatim.ranges.some((range) => tag.start < range.end && tag.end > range.start));
    result = pairTags(text, inProse, file);
    if (sameShortcodes(result.shortcodes, guess.shortcodes)) break;
    guess = result;
  }
  return { ...result, fences };
}

function sameShortcodes(a: readonly Shortcode[], b: readonly Shortcode[]): boolean {
  return a.length === b.length && a.every((shortcode, index) => shortcode.start === b[index]?.start && shortcode.body?.end === b[index]?.body?.end);
}

function pairTags(text: string, tags: Tag[], file: string): { shortcodes: Shortcode[]; problems: Problem[] } {
  const shortcodes: Shortcode[] = [];
  const problems: Problem[] = [];
  let insideBodyUntil = -1;
  for (const [index, tag] of tags.entries()) {
    if (tag.start < insideBodyUntil) continue;
    const { line, column } = position(text, tag.start);
    if (tag.closing) {
      problems.push({ rule: 'page-syntax', file, line, column, message: `closing \`{{< /${tag.name} >}}\` has no opening tag` });
      continue;
    }
    const shortcode: Shortcode = { name: tag.name, args: parseArgs(tag.rawArgs), start: tag.start, end: tag.end, line, column };
    if (BODY_SHORTCODES.has(tag.name)) {
      // Bodies never contain a tag (the build escapes them), so the next closing tag in the
      // raw text ends this one, even where a body's content confused the markdown parse.
      const closing = closingTagAfter(text, tag);
      if (!closing) {
        problems.push({ rule: 'page-syntax', file, line, column, message: `\`${tag.name}\` is never closed: add \`{{< /${tag.name} >}}\` after its body` });
        insideBodyUntil = text.length;
        continue;
      }
      const opener = tags.slice(index + 1).find((other) => !other.closing && other.name === tag.name);
      if (opener && opener.start < closing.start) {
        // Not a block: its body would swallow the prose up to the next block's closing tag.
        problems.push({ rule: 'page-syntax', file, line, column, message: `\`${tag.name}\` is never closed before the next \`${tag.name}\` (line ${position(text, opener.start).line})` });
        continue;
      }
      shortcode.body = { start: tag.end, end: closing.start };
      insideBodyUntil = closing.end;
    }
    shortcodes.push(shortcode);
  }
  return { shortcodes, problems };
}

function closingTagAfter(text: string, opener: Tag): Tag | undefined {
  for (const match of text.slice(opener.end).matchAll(TAG)) {
    if (match[2] === '/' && match[3] === opener.name) {
      const start = opener.end + match.index;
      return { name: opener.name, closing: true, rawArgs: '', start, end: start + match[0].length };
    }
  }
  return undefined;
}

function maskBodies(text: string, shortcodes: Shortcode[]): string {
  let masked = '';
  let cursor = 0;
  for (const { body } of shortcodes) {
    if (!body) continue;
    masked += text.slice(cursor, body.start) + text.slice(body.start, body.end).replace(/[^\n]/g, ' ');
    cursor = body.end;
  }
  return masked + text.slice(cursor);
}

/**
 * Offsets of everything markdown treats as verbatim (code, inline code and raw HTML),
 * and the code fences among them.
 */
function verbatimNodes(text: string): { ranges: Array<{ start: number; end: number }>; fences: Fence[] } {
  const tree: Root = unified().use(remarkParse).parse(text);
  const ranges: Array<{ start: number; end: number }> = [];
  const fences: Fence[] = [];
  const visit = (node: Root | RootContent): void => {
    if (node.type === 'code' || node.type === 'inlineCode' || (node.type === 'html' && !isInlineTag(node.value))) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) ranges.push({ start, end });
      if (node.type === 'code') fences.push({ lang: node.lang ?? '', meta: node.meta ?? '', value: node.value, line: node.position?.start.line ?? 0 });
      return;
    }
    if ('children' in node) node.children.forEach(visit);
  };
  visit(tree);
  return { ranges, fences };
}

// `{{</highlight>}}` parses as an inline HTML tag `</highlight>`; only comments and
// HTML blocks hide shortcodes from Hugo.
function isInlineTag(html: string): boolean {
  return /^<\/?[A-Za-z][^<>]*>$/.test(html.trim()) && !html.includes('\n');
}

function parseArgs(raw: string): string[] {
  const args: string[] = [];
  for (const match of raw.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)) {
    args.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3] ?? ''));
  }
  return args;
}

/** Converts an offset into a 1-based line and column. */
export function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

import { escapeBody } from './body-escape.ts';

export interface BodyReplacement {
  /** Offsets of the body between the shortcode's two tags. */
  start: number;
  end: number;
  /** What the block shows, before escaping. */
  text: string;
}

/**
 * Writes new bodies into a page by offsets: every byte outside the bodies stays as it
 * was, and writing the same bodies again gives the same page.
 */
export function injectBodies(page: string, replacements: readonly BodyReplacement[]): string {
  const ordered = [...replacements].sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const { start, end, text } of ordered) {
    result += page.slice(cursor, start) + formatBody(text);
    cursor = end;
  }
  return result + page.slice(cursor);
}

/** The exact text a body takes between its two tags: escaped, on lines of its own. */
export function formatBody(text: string): string {
  return `\n${escapeBody(text)}\n`;
}

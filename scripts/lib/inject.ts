export interface BodyReplacement {
  /** Offsets of the body between the shortcode's two tags. */
  start: number;
  end: number;
  /** The body, escaped for Hugo (`escapeBody` or `formatSections`). */
  body: string;
}

/**
 * Writes new bodies into a page by offsets: every byte outside the bodies stays as it
 * was, and writing the same bodies again gives the same page.
 */
export function injectBodies(page: string, replacements: readonly BodyReplacement[]): string {
  const ordered = [...replacements].sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const { start, end, body } of ordered) {
    result += page.slice(cursor, start) + formatBody(body);
    cursor = end;
  }
  return result + page.slice(cursor);
}

/** The exact text a body takes between its two tags: on lines of its own. */
export function formatBody(body: string): string {
  return `\n${body}\n`;
}

/**
 * Escaping for the bodies the build writes between shortcode tags.
 *
 * Hugo reads `{{<` and `{{%` inside a shortcode's body as nested shortcodes (a closing
 * `{{< /highlight >}}` in an example's output would end the block early), so the build
 * writes the `{` that starts such a sequence as `&#123;`. The `highlight` shortcode turns
 * it back before highlighting. `&` is escaped only where it would otherwise be read back
 * as one of these two entities, so all other text stays as it is and reads naturally.
 * Everything else (`<script>`, code fences) needs no escaping: Hugo hands a shortcode's
 * body to the highlighter as text, and the highlighter escapes HTML.
 */

/** Escapes text so that Hugo reads it as plain text inside a shortcode body. */
export function escapeBody(text: string): string {
  return text
    .replace(/&(?=amp;|#123;|#64;)/g, '&amp;')
    .replace(/\{(?=\{[<%])/g, '&#123;')
    .replace(/^@(?=dialect )/gm, '&#64;');
}

/** Reverses `escapeBody`; mirrors what `layouts/partials/docs/verified-body.html` does. */
export function unescapeBody(text: string): string {
  return text.replaceAll('&#123;', '{').replaceAll('&#64;', '@').replaceAll('&amp;', '&');
}

/**
 * A line that starts the body of one dialect, when a block's dialects show different
 * things: `@dialect postgres`. Output that starts a line with the same words is escaped.
 */
const SECTION_MARKER = /^@dialect ([a-z][a-z0-9]*)$/;

/** The text a block shows for each dialect; `all` when the body has one text for every dialect. */
export type DialectTexts = { all: string } | { byDialect: Map<string, string> };

/**
 * Formats what a block shows as the body between its tags: one text when every dialect
 * shows the same (in `order`), else a section per dialect, each after its marker line.
 */
export function formatSections(texts: ReadonlyMap<string, string>, order: readonly string[]): string {
  const present = order.filter((dialect) => texts.has(dialect));
  const distinct = new Set(present.map((dialect) => texts.get(dialect)));
  if (distinct.size <= 1) return escapeBody(texts.get(present[0] ?? '') ?? '');
  return present.map((dialect) => `@dialect ${dialect}\n${escapeBody(texts.get(dialect) ?? '')}`).join('\n');
}

/** Reads a body back into its texts: the inverse of `formatSections`. */
export function parseSections(body: string): DialectTexts {
  const lines = body.replace(/^\n|\n$/g, '').split('\n');
  if (!SECTION_MARKER.test(lines[0] ?? '')) return { all: unescapeBody(lines.join('\n')) };
  const byDialect = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of lines) {
    const marker = SECTION_MARKER.exec(line);
    if (marker) {
      current = [];
      byDialect.set(marker[1] ?? '', current);
    } else {
      current.push(line);
    }
  }
  return { byDialect: new Map([...byDialect].map(([dialect, text]) => [dialect, unescapeBody(text.join('\n'))])) };
}

/** The text a body holds for one dialect: the shared text, or that dialect's section (undefined when it has none). */
export function sectionFor(texts: DialectTexts, dialect: string): string | undefined {
  return 'all' in texts ? texts.all : texts.byDialect.get(dialect);
}

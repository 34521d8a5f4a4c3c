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
  return text.replace(/&(?=amp;|#123;)/g, '&amp;').replace(/\{(?=\{[<%])/g, '&#123;');
}

/** Reverses `escapeBody`; mirrors what `layouts/shortcodes/highlight.html` does. */
export function unescapeBody(text: string): string {
  return text.replaceAll('&#123;', '{').replaceAll('&amp;', '&');
}

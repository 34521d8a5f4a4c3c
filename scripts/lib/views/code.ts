import { EXPECT_ERROR_LINE, QUERY_LINE } from '../example-types.ts';
import { regionCode } from '../regions.ts';
import { renderTypeScriptHtml } from './typescript-html.ts';
import type { ViewDefinition } from './view.ts';

/**
 * The region's source code (or the whole file), without region markers, `// ^?` queries
 * and `@ts-expect-error` directives, dedented: highlighted as the editor does, with the
 * type of every name on hover and the declared errors' messages, when the example was
 * type-checked; as text otherwise.
 */
export const codeView: ViewDefinition = {
  label: 'Code',
  shortcode: 'highlight',
  needsRun: false,
  needsRegion: false,
  showsTypes: true,
  async render({ source, region, types }) {
    if (types) return { kind: 'html', ...renderTypeScriptHtml({ source, region, types, queries: false }) };
    return { kind: 'text', text: withoutNotation(regionCode(source, region)) };
  },
};

/** The code without the lines that only speak to the type-check. */
export function withoutNotation(code: string): string {
  return code
    .split('\n')
    .filter((line) => !QUERY_LINE.test(line) && !EXPECT_ERROR_LINE.test(line))
    .join('\n');
}

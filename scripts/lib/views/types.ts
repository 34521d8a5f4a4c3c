import { renderTypeScriptHtml } from './typescript-html.ts';
import type { ViewDefinition } from './view.ts';

/**
 * The region's code with TypeScript's answer under each `// ^?` query (twoslash's
 * notation): `const found: User | null` under `const found = await User.findOne(…)`.
 * Verified like any output: a Sequelize or TypeScript upgrade that changes a type shows
 * as a diff in `npm run check`.
 */
export const typesView: ViewDefinition = {
  label: 'Types',
  shortcode: 'highlight',
  needsRun: false,
  needsRegion: true,
  showsTypes: true,
  async render({ file, source, region, types }) {
    if (!types) return { nothing: `the \`types\` view needs the example type-checked, and ${file} was not (is there a tsconfig.json?)` };
    if (!types.queries.some((query) => region && query.line > region.startLine && query.line < region.endLine)) {
      return { nothing: `region \`${region?.name}\` of ${file} asks for no type: add a \`// ^?\` line whose caret points at a name on the line above, or show the region with \`code\`` };
    }
    return { kind: 'html', ...renderTypeScriptHtml({ source, region, types, queries: true }) };
  },
};

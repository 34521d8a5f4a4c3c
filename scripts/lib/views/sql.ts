import type { ViewDefinition } from './view.ts';

/** The SQL statements Sequelize ran during the region, one per line. */
export const sqlView: ViewDefinition = {
  label: 'SQL',
  shortcode: 'highlight',
  needsRun: true,
  needsRegion: true,
  async render({ file, region, capture }) {
    const sql = capture?.sql ?? [];
    return sql.length > 0 ? { kind: 'text', text: sql.join('\n') } : { nothing: `region \`${region?.name}\` of ${file} ran no SQL` };
  },
};

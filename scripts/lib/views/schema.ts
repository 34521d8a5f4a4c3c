import type { SchemaSnapshot, TableShape } from '../../runtime/events.ts';
import type { RegionCapture } from '../observe.ts';
import type { ViewDefinition } from './view.ts';

/** The DDL the database held at the end of the region. */
export const schemaView: ViewDefinition = {
  label: 'Schema',
  shortcode: 'highlight',
  needsRun: true,
  needsRegion: true,
  async render({ file, region, capture }) {
    const schema = schemaAtEnd(capture, file, region?.name);
    return 'nothing' in schema ? schema : { kind: 'text', text: schema.statements.join('\n\n') };
  },
};

/** A diagram of the tables the database held at the end of the region, and their foreign keys. */
export const diagramView: ViewDefinition = {
  label: 'Diagram',
  shortcode: 'schemadiagram',
  needsRun: true,
  needsRegion: true,
  async render({ file, region, capture, drawDiagram }) {
    const schema = schemaAtEnd(capture, file, region?.name);
    return 'nothing' in schema ? schema : { kind: 'html', html: await drawDiagram(schema.tables) };
  },
};

function schemaAtEnd(
  capture: RegionCapture | undefined,
  file: string,
  region: string | undefined,
): { statements: string[]; tables: TableShape[] } | { nothing: string } {
  const schema: SchemaSnapshot | undefined = capture?.schema;
  if (!schema) return { nothing: `region \`${region}\` of ${file} ended by throwing, so it has no schema` };
  if ('unavailable' in schema) return { nothing: `no schema at the end of region \`${region}\` of ${file}: ${schema.unavailable}` };
  return schema;
}

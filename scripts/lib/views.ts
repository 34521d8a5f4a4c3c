import type { TableShape } from '../runtime/events.ts';
import type { RegionCapture } from './captures.ts';
import { closestName, type Problem } from './problem.ts';
import { regionCode, type Region } from './regions.ts';
import type { BlockReference } from './references.ts';

/** An example as the build knows it: its source, its regions and what its run captured. */
export interface ExampleResult {
  file: string;
  source: string;
  regions: readonly Region[];
  captures: ReadonlyMap<string, RegionCapture>;
  /** False when the example failed; its problems are reported elsewhere. */
  ran: boolean;
}

/** Draws tables as an SVG diagram; given to `renderView` so that it stays free of I/O. */
export type DiagramRenderer = (tables: readonly TableShape[]) => Promise<string>;

/**
 * Renders the text a block shows (its unescaped body), or the problem that prevents it,
 * placed at the block's line in the page.
 */
export async function renderView(
  reference: BlockReference,
  example: ExampleResult,
  page: string,
  drawDiagram: DiagramRenderer,
): Promise<{ text: string } | { problem: Problem }> {
  const at = (message: string): { problem: Problem } => ({ problem: { file: page, line: reference.line, message } });
  const region = reference.region === undefined ? undefined : example.regions.find((r) => r.name === reference.region);
  if (reference.region !== undefined && !region) {
    const suggestion = closestName(reference.region, example.regions.map((r) => r.name));
    const names = example.regions.map((r) => `\`${r.name}\``).join(', ');
    return at(`region \`${reference.region}\` not found in ${example.file}${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (its regions: ${names || 'none'})`);
  }
  if (reference.view === 'code') return { text: regionCode(example.source, region) };

  if (!example.ran) return at(`${example.file} failed, so its output is unknown`);
  const capture = example.captures.get(reference.region ?? '');
  if (!capture) return at(`region \`${reference.region}\` of ${example.file} never ran`);
  switch (reference.view) {
    case 'output': {
      const text = (capture.output + (capture.error !== undefined ? `${capture.error}\n` : '')).replace(/\n+$/, '');
      return text ? { text } : at(`region \`${reference.region}\` of ${example.file} printed nothing; show its \`sql\` instead, or print something`);
    }
    case 'sql':
      return capture.sql.length > 0
        ? { text: capture.sql.join('\n') }
        : at(`region \`${reference.region}\` of ${example.file} ran no SQL`);
    case 'schema':
    case 'diagram': {
      if (!capture.schema) return at(`region \`${reference.region}\` of ${example.file} ended by throwing, so it has no schema`);
      if ('unavailable' in capture.schema) return at(`no schema at the end of region \`${reference.region}\` of ${example.file}: ${capture.schema.unavailable}`);
      return reference.view === 'schema'
        ? { text: capture.schema.statements.join('\n\n') }
        : { text: await drawDiagram(capture.schema.tables) };
    }
  }
}

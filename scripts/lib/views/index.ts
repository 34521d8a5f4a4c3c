/**
 * The registry of views: every way a block can show an example. Adding a view is a module
 * beside this one and a line here; the theme reads names and captions from the site data.
 */
import type { ExampleTypes } from '../example-types.ts';
import type { Observation } from '../observe.ts';
import { closestName, type Problem } from '../problem.ts';
import type { BlockReference } from '../references.ts';
import type { Region } from '../regions.ts';
import { codeView } from './code.ts';
import { outputView } from './output.ts';
import { diagramView, schemaView } from './schema.ts';
import { sqlView } from './sql.ts';
import { typesView } from './types.ts';
import type { DiagramRenderer, Rendered, ViewDefinition } from './view.ts';

export type { DiagramRenderer, Rendered, ViewDefinition } from './view.ts';

export const VIEWS = {
  code: codeView,
  types: typesView,
  output: outputView,
  sql: sqlView,
  schema: schemaView,
  diagram: diagramView,
} as const satisfies Record<string, ViewDefinition>;

export type ViewName = keyof typeof VIEWS;

/** The views a `highlight` block can name as an option, e.g. `sql=<file>#<region>`. */
export const HIGHLIGHT_VIEWS: readonly ViewName[] = (Object.keys(VIEWS) as ViewName[]).filter((name) => VIEWS[name].shortcode === 'highlight');

/** An example as the views need it: its source and its regions. */
export interface ExampleSource {
  file: string;
  source: string;
  regions: readonly Region[];
}

/**
 * Renders one block's body from the example and, for views that show a run, its
 * observation, or for views of the code, its types; or the problem at the block that
 * prevents it; or `unverified` when the example's run failed (its failure is the
 * problem, reported once at the example).
 */
export async function renderBlock(
  block: BlockReference,
  example: ExampleSource,
  observation: Observation | undefined,
  page: string,
  drawDiagram: DiagramRenderer,
  types?: ExampleTypes,
): Promise<{ rendered: Rendered } | { problem: Problem } | { unverified: true }> {
  const at = (rule: Problem['rule'], message: string): { problem: Problem } => ({ problem: { rule, file: page, line: block.line, message } });
  const view = VIEWS[block.view];
  const region = block.region === undefined ? undefined : example.regions.find((r) => r.name === block.region);
  if (block.region !== undefined && !region) {
    const suggestion = closestName(block.region, example.regions.map((r) => r.name));
    const names = example.regions.map((r) => `\`${r.name}\``).join(', ');
    return at('missing-reference', `region \`${block.region}\` not found in ${example.file}${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (its regions: ${names || 'none'})`);
  }
  let capture;
  if (view.needsRun) {
    if (!observation || observation.problems.length > 0) return { unverified: true };
    capture = observation.captures.get(block.region ?? '');
    if (!capture) return at('empty-view', `region \`${block.region}\` of ${example.file} never ran`);
  }
  const result = await view.render({ file: example.file, source: example.source, region, capture, drawDiagram, types });
  if ('nothing' in result) return at('empty-view', result.nothing);
  const body = result.kind === 'text' ? result.text : (result.shown ?? result.html);
  const lines = body.split('\n').length;
  const bytes = Buffer.byteLength(body);
  if (lines > block.limits.lines || bytes > block.limits.bytes) {
    const over = lines > block.limits.lines ? `${lines} lines, over the limit of ${block.limits.lines}` : `${formatBytes(bytes)}, over the limit of ${formatBytes(block.limits.bytes)}`;
    const option = lines > block.limits.lines ? `maxlines=${lines}` : `maxbytes=${bytes}`;
    return at('budget', `the \`${block.view}\` body would be ${over}; show a smaller region, or raise the limit for this block with \`${option}\``);
  }
  return { rendered: result };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

import type { TableShape } from '../../runtime/events.ts';
import type { ExampleTypes } from '../example-types.ts';
import type { RegionCapture } from '../observe.ts';
import type { Region } from '../regions.ts';

/**
 * What a block's body becomes: text the theme highlights, or HTML it inserts as it is
 * (with, when the HTML carries more than the page shows, the text a reader sees: the
 * limits on a body apply to it).
 */
export type Rendered = { kind: 'text'; text: string } | { kind: 'html'; html: string; shown?: string };

/** Draws tables as an SVG diagram; handed to views so that they stay free of I/O. */
export type DiagramRenderer = (tables: readonly TableShape[]) => Promise<string>;

/** What a view is given to render one block. */
export interface ViewInput {
  /** The example's path, e.g. `code/relationships/one-to-one.ts`. */
  file: string;
  source: string;
  /** The region shown; undefined for the whole file. */
  region: Region | undefined;
  /** What the region did when the example ran; undefined for views that need no run. */
  capture: RegionCapture | undefined;
  drawDiagram: DiagramRenderer;
  /** What the type-check learnt about the example's types; undefined when nothing was checked (no tsconfig.json). */
  types: ExampleTypes | undefined;
}

/**
 * One way of showing an example in a page. A view is registered in `views/index.ts`;
 * the theme learns its name and caption from the site data the build writes.
 */
export interface ViewDefinition {
  /** The caption the theme shows above the block, e.g. `SQL`. */
  label: string;
  /** The shortcode whose blocks show it. */
  shortcode: 'highlight' | 'schemadiagram';
  /** Whether the view shows what a run recorded (false: only the source). */
  needsRun: boolean;
  /** Whether a block must name a region (a whole program's output is split by region). */
  needsRegion: boolean;
  /** Whether the view shows the code with its types: the type-check highlights the lines it shows and finds their hovers. */
  showsTypes?: boolean;
  /** The body, or why the region has nothing to show (becomes a problem at the block). */
  render(input: ViewInput): Promise<Rendered | { nothing: string }>;
}

import { escapeBody, formatSections, parseSections, sectionFor } from './body-escape.ts';
import type { Dialect } from './dialects/index.ts';
import type { ExampleTypes } from './example-types.ts';
import type { Example } from './examples.ts';
import { injectBodies, type BodyReplacement } from './inject.ts';
import type { Observation } from './observe.ts';
import { quotedExamples, type PageModel } from './page-model.ts';
import type { Job } from './plan.ts';
import type { Problem } from './problem.ts';
import type { BlockReference } from './references.ts';
import { renderBlock, VIEWS, type DiagramRenderer } from './views/index.ts';

/** A page as the sources say it should be, with the examples it quotes. */
export interface PageUpdate {
  file: string;
  current: string;
  updated: string;
  /** The examples the page quotes or links, e.g. `code/relationships/one-to-one.ts`. */
  examples: string[];
}

/** What rendering found besides the pages. */
export interface RenderedPages {
  updates: PageUpdate[];
  problems: Problem[];
  /** Jobs whose blocks show something the page does not hold yet. */
  changed: Set<string>;
  /** Per failed job, the page of every block it left unverified. */
  unverified: Map<string, string[]>;
}

export interface RenderContext {
  pages: readonly PageModel[];
  examples: ReadonlyMap<string, Example>;
  /** The runs made, by job id. */
  jobs: ReadonlyMap<string, Job>;
  observations: ReadonlyMap<string, Observation>;
  /** Every registered dialect, in the order pages show them. */
  dialects: readonly Dialect[];
  /** The dialects this machine cannot verify: their bodies are kept as the page has them. */
  unverifiable: ReadonlySet<string>;
  /** The dialects an example runs on (its `dialects:` declaration), whether or not this machine can verify them. */
  runsOn(file: string): readonly string[];
  jobIdOf(file: string, dialect: string): string;
  drawDiagram: DiagramRenderer;
  /** What the type-check learnt about each example's types (`code/x.ts`); code views show it. */
  types: ReadonlyMap<string, ExampleTypes>;
}

/**
 * Renders every bound block of every page, once per dialect its example ran on, and
 * splices the bodies in: one text where every dialect shows the same, else a section per
 * dialect. A dialect this machine cannot verify keeps the text the page holds for it.
 */
export async function renderPages(context: RenderContext): Promise<RenderedPages> {
  const rendered: RenderedPages = { updates: [], problems: [], changed: new Set(), unverified: new Map() };
  rendered.updates = await Promise.all(context.pages.map((page) => renderPage(page, context, rendered)));
  return rendered;
}

async function renderPage(page: PageModel, context: RenderContext, rendered: RenderedPages): Promise<PageUpdate> {
  const replacements: BodyReplacement[] = [];
  for (const block of page.blocks) {
    const example = context.examples.get(`code/${block.example}`);
    if (!example?.runnable) continue;
    const current = page.text.slice(block.body.start, block.body.end);
    const body = await renderBlockBody(block, example, page, current, context, rendered);
    if (body !== undefined) replacements.push({ ...block.body, body });
  }
  return { file: page.file, current: page.text, updated: injectBodies(page.text, replacements), examples: quotedExamples([page]) };
}

/** The block's new body (escaped), or undefined when a problem keeps it from being written. */
async function renderBlockBody(
  block: BlockReference,
  example: Example,
  page: PageModel,
  current: string,
  context: RenderContext,
  rendered: RenderedPages,
): Promise<string | undefined> {
  if (!VIEWS[block.view].needsRun) {
    // The source is the same for every dialect, and needs no run (a quoted package.json has none).
    const result = await renderBlock(block, example, undefined, page.file, context.drawDiagram, context.types.get(example.file));
    if ('problem' in result) rendered.problems.push(result.problem);
    return 'rendered' in result ? escapeBody(result.rendered.kind === 'text' ? result.rendered.text : result.rendered.html) : undefined;
  }
  const before = parseSections(current);
  const texts = new Map<string, string>();
  const runsOn = context.runsOn(example.file);
  for (const dialect of context.dialects) {
    // A dialect the example does not run on has no section, even one the page still holds.
    if (!runsOn.includes(dialect.id)) continue;
    const id = context.jobIdOf(example.file, dialect.id);
    const job = context.jobs.get(id);
    if (!job) {
      // Not run here: keep what the page shows for a dialect this machine cannot verify.
      const kept = current.trim() === '' ? undefined : sectionFor(before, dialect.id);
      if (context.unverifiable.has(dialect.id) && kept !== undefined) texts.set(dialect.id, kept);
      continue;
    }
    const result = await renderBlock(block, example, context.observations.get(id), page.file, context.drawDiagram);
    if ('unverified' in result) {
      rendered.unverified.set(id, [...(rendered.unverified.get(id) ?? []), page.file]);
      return undefined;
    }
    if ('problem' in result) {
      rendered.problems.push(dialect === context.dialects[0] ? result.problem : { ...result.problem, dialect: dialect.id });
      return undefined;
    }
    const text = result.rendered.kind === 'text' ? result.rendered.text : result.rendered.html;
    texts.set(dialect.id, text);
    const previous = sectionFor(before, dialect.id);
    if (previous !== text) rendered.changed.add(id);
  }
  return formatSections(texts, context.dialects.map((dialect) => dialect.id));
}

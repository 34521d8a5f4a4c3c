/**
 * What a reader does when following the tutorial, derived from the pages alone: every page
 * in reading order, and on each, in the order of its lines, the commands they type, the
 * files they write and the examples they run. The reader replay (reader-replay.ts)
 * performs these steps in a fresh folder; this module only reads the page models. Pure.
 *
 * - A command block is a Markdown fence (or a `highlight` block without a view) in `sh`,
 *   `bash` or `shell`. Each line is a command the reader types, unless the fence is marked
 *   ```` ```sh {reader=no} ````: commands shown for information (`node --version`) or for
 *   another set-up (`npm install pg`).
 * - A file to write is a verified `code` block quoting a file of the reader's project,
 *   `code=reader-project/<path>`: the reader writes `<path>` in their project, replacing
 *   what is there.
 * - An example is run when a page shows its output (an `output` or `sql` block): the reader
 *   copies it into `code/` and runs `npx tsx code/<file>`.
 * - What a command prints is shown in the verified output blocks that follow its block (up
 *   to the next command block), as a transcript: a line `$ <command>` followed by what it
 *   printed, up to the next `$ ` line or the end of the block; `(exit status N)` at the end
 *   gives the expected exit status.
 */
import { parseSections, sectionFor } from './body-escape.ts';
import { DEFAULT_DIALECT } from './dialects/index.ts';
import { isProgram } from './examples.ts';
import type { PageModel, UnboundBlock } from './page-model.ts';
import type { Problem } from './problem.ts';
import { readerRunCommand } from './site-data.ts';

/** The folder under code/ that holds the reader's project files, as the pages quote them. */
export const READER_PROJECT = 'reader-project';

/** The fence attribute that marks a command block as not for the reader to type. */
export const NOT_A_READER_STEP = 'reader=no';

const SHELLS = new Set(['sh', 'bash', 'shell']);

interface StepPlace {
  /** The page, e.g. `content/docs/getting-started/installation.md`. */
  page: string;
  /** The line of the page that shows the step. */
  line: number;
}

/** A command the reader types, with what the page shows it prints, if it does. */
export interface CommandStep extends StepPlace {
  kind: 'command';
  command: string;
  shown?: ShownTranscript;
}

export interface ShownTranscript {
  /** Line of the output block that shows it. */
  line: number;
  /** What the command printed, as the page shows it. */
  text: string;
  exitStatus: number;
}

/** A file of the reader's project that a page tells them to write. */
export interface WriteStep extends StepPlace {
  kind: 'write';
  /** The path in the reader's project, e.g. `tsconfig.json`. */
  file: string;
  /** The file under the repository root that holds its text, e.g. `code/reader-project/tsconfig.json`. */
  source: string;
}

/** An example the reader copies and runs, with the blocks that show what it prints. */
export interface ExampleStep extends StepPlace {
  kind: 'example';
  /** The example, e.g. `code/getting-started/installation.ts`. */
  example: string;
  command: string;
  shown: ShownBlock[];
}

export interface ShownBlock {
  view: 'output' | 'sql';
  region: string;
  line: number;
  text: string;
}

export type ReaderStep = CommandStep | WriteStep | ExampleStep;

/** A page with its place in the reading order (see layouts/partials/docs/reading-order.html). */
export interface OrderedPage {
  page: PageModel;
  /** The chapter's weight, then the page's (the chapter's own page first). */
  order: [number, number];
}

/**
 * Orders pages as the site's navigation does: chapters (folders under content/docs) by
 * weight, each chapter's `_index.md` first, then its pages by weight. Pages outside the
 * chapters (the home page, the docs index) are not part of the reading order.
 */
export function readingOrder(pages: readonly PageModel[]): { ordered: PageModel[]; outside: PageModel[] } {
  const chapterWeights = new Map<string, number>();
  for (const page of pages) {
    const chapter = /^content\/docs\/([^/]+)\/_index\.md$/.exec(page.file)?.[1];
    if (chapter) chapterWeights.set(chapter, frontMatterWeight(page.text));
  }
  const ordered: OrderedPage[] = [];
  const outside: PageModel[] = [];
  for (const page of pages) {
    const match = /^content\/docs\/([^/]+)\/(.+)$/.exec(page.file);
    const chapterWeight = match?.[1] === undefined ? undefined : chapterWeights.get(match[1]);
    if (match === null || chapterWeight === undefined) {
      outside.push(page);
      continue;
    }
    ordered.push({ page, order: [chapterWeight, match[2] === '_index.md' ? -Infinity : frontMatterWeight(page.text)] });
  }
  ordered.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.page.file.localeCompare(b.page.file));
  return { ordered: ordered.map(({ page }) => page), outside };
}

/** Hugo sorts pages without a weight (weight 0) after the others. */
function frontMatterWeight(text: string): number {
  const frontMatter = /^---\n([^]*?)\n---/.exec(text)?.[1] ?? '';
  const weight = Number(/^weight:\s*(-?\d+)\s*$/m.exec(frontMatter)?.[1] ?? 0);
  return weight === 0 ? Number.MAX_SAFE_INTEGER : weight;
}

/** The steps one page asks of the reader, in the order of its lines, and what is wrong with them. */
export function pageSteps(page: PageModel): { steps: ReaderStep[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (line: number, message: string): Problem => ({ rule: 'page-syntax', file: page.file, line, message });
  const steps: ReaderStep[] = [];

  const commandBlocks = page.unbound.filter((block) => SHELLS.has(block.lang) && !isMarkedNotForReader(block));
  for (const block of commandBlocks) steps.push(...commandLines(page.file, block));

  for (const block of page.blocks) {
    if (block.view !== 'code' || !block.example.startsWith(`${READER_PROJECT}/`)) continue;
    if (block.region !== undefined) {
      problems.push(at(block.line, `a file of the reader's project is shown whole, so that the reader can write it: drop \`#${block.region}\``));
      continue;
    }
    steps.push({ kind: 'write', page: page.file, line: block.line, file: block.example.slice(READER_PROJECT.length + 1), source: `code/${block.example}` });
  }

  const examples = new Map<string, ExampleStep>();
  for (const block of page.blocks) {
    if ((block.view !== 'output' && block.view !== 'sql') || block.region === undefined || !isProgram(block.example)) continue;
    const file = `code/${block.example}`;
    let step = examples.get(file);
    if (!step) {
      step = { kind: 'example', page: page.file, line: block.line, example: file, command: readerRunCommand(file), shown: [] };
      examples.set(file, step);
      steps.push(step);
    }
    step.shown.push({ view: block.view, region: block.region, line: block.line, text: bodyText(page, block.body) });
  }

  steps.sort((a, b) => a.line - b.line);
  attachTranscripts(page, steps, commandBlocks);
  return { steps, problems };
}

/** The steps of every page in reading order; pages outside it must ask nothing of the reader. */
export function readerSteps(pages: readonly PageModel[]): { steps: ReaderStep[]; pages: string[]; problems: Problem[] } {
  const { ordered, outside } = readingOrder(pages);
  const steps: ReaderStep[] = [];
  const problems: Problem[] = [];
  for (const page of ordered) {
    const found = pageSteps(page);
    steps.push(...found.steps);
    problems.push(...found.problems);
  }
  for (const page of outside) {
    for (const step of pageSteps(page).steps) {
      problems.push({ rule: 'page-syntax', file: page.file, line: step.line, message: 'this page is not in the reading order, so a reader never gets here: move the step to a chapter page, or mark its block `{reader=no}`' });
    }
  }
  return { steps, pages: ordered.map((page) => page.file), problems };
}

/** Whether a command block carries the marker, e.g. ```` ```sh {reader=no} ````. */
export function isMarkedNotForReader(block: UnboundBlock): boolean {
  const attributes = block.kind === 'fence' ? (/\{([^}]*)\}/.exec(block.options)?.[1] ?? '') : block.options;
  return attributes.split(/[\s,]+/).includes(NOT_A_READER_STEP);
}

function commandLines(page: string, block: UnboundBlock): CommandStep[] {
  const steps: CommandStep[] = [];
  let pending: { command: string; line: number } | undefined;
  block.text.split('\n').forEach((text, index) => {
    // The block's first line is the one after the opening fence or tag.
    const line = block.line + 1 + index;
    const command = pending ? `${pending.command}\n${text}` : text;
    const start = pending?.line ?? line;
    if (/\\$/.test(text)) {
      pending = { command, line: start };
      return;
    }
    pending = undefined;
    if (command.trim() === '' || command.trim().startsWith('#')) return;
    steps.push({ kind: 'command', page, line: start, command: command.trim() });
  });
  return steps;
}

/**
 * Pairs each command with the transcript the page shows for it: in the output blocks after
 * its command block and before the next one, the first `$ <command>` line not yet paired.
 */
function attachTranscripts(page: PageModel, steps: ReaderStep[], commandBlocks: readonly UnboundBlock[]): void {
  const outputs = page.blocks
    .filter((block) => block.view === 'output')
    .map((block) => ({ line: block.line, lines: bodyText(page, block.body).split('\n'), used: new Set<number>() }));
  for (const step of steps) {
    if (step.kind !== 'command') continue;
    const nextBlock = commandBlocks.find((block) => block.line > step.line)?.line ?? Infinity;
    for (const output of outputs) {
      if (output.line < step.line || output.line > nextBlock) continue;
      const start = output.lines.findIndex((text, index) => !output.used.has(index) && text === `$ ${step.command}`);
      if (start < 0) continue;
      output.used.add(start);
      let end = output.lines.findIndex((text, index) => index > start && text.startsWith('$ '));
      if (end < 0) end = output.lines.length;
      const printed = output.lines.slice(start + 1, end);
      const status = /^\(exit status (\d+)\)$/.exec(printed.at(-1) ?? '');
      step.shown = { line: output.line, text: (status ? printed.slice(0, -1) : printed).join('\n'), exitStatus: status ? Number(status[1]) : 0 };
      break;
    }
  }
}

/** What a block shows a reader who runs the example as the pages say: with no DATABASE_URL, SQLite's text. */
function bodyText(page: PageModel, body: { start: number; end: number }): string {
  const texts = parseSections(page.text.slice(body.start, body.end));
  return sectionFor(texts, DEFAULT_DIALECT.id) ?? '';
}

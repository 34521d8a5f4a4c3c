import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { interpretEvents } from './captures.ts';
import { listPages } from './files.ts';
import { injectBodies, type BodyReplacement } from './inject.ts';
import { mapConcurrent } from './pool.ts';
import type { Problem } from './problem.ts';
import { readReferences, type PageReferences } from './references.ts';
import { parseRegions } from './regions.ts';
import { runExample } from './run-example.ts';
import { renderSchemaDiagram } from './schema-diagram.ts';
import { findShortcodes } from './shortcodes.ts';
import { renderView, type ExampleResult } from './views.ts';

export interface VerifyOptions {
  /** Repository root, holding `content/` and `code/`. */
  root: string;
  timeoutMs: number;
  /** Only pages whose path starts with one of these (e.g. `content/docs/querying`); all when empty. */
  only?: readonly string[];
  concurrency?: number;
  /** Told when each example has run, for progress output. */
  onExampleDone?: (done: ExampleTiming) => void;
  /** Told when an example starts. */
  onExampleStart?: (file: string) => void;
}

export interface ExampleTiming {
  file: string;
  durationMs: number;
  ok: boolean;
}

export interface PageUpdate {
  file: string;
  current: string;
  updated: string;
}

export interface VerifyResult {
  /** Every page with its text on disk and the text the examples say it should have. */
  pages: PageUpdate[];
  problems: Problem[];
  examples: ExampleTiming[];
}

/**
 * Runs every example that `content/` references and computes each page as it should be.
 * Writes nothing: the caller decides whether to write (build) or compare (check).
 */
export async function verifyPages(options: VerifyOptions): Promise<VerifyResult> {
  const { root } = options;
  const problems: Problem[] = [];
  const only = (options.only ?? []).map((prefix) => prefix.replace(/\/+$/, ''));
  const pageFiles = (await listPages(root, 'content')).filter(
    (file) => only.length === 0 || only.some((prefix) => file === prefix || file.startsWith(`${prefix}/`)),
  );
  const pages = await Promise.all(
    pageFiles.map(async (file) => {
      const text = await readFile(join(root, file), 'utf8');
      const { shortcodes, problems: shortcodeProblems } = findShortcodes(text, file);
      const references = readReferences(shortcodes, file);
      problems.push(...shortcodeProblems, ...references.problems);
      return { file, text, references };
    }),
  );

  const examples = await loadExamples(pages, options, problems);

  const timings: ExampleTiming[] = [];
  await mapConcurrent(
    [...examples.values()].filter((example) => example.runnable),
    async (example) => {
      options.onExampleStart?.(example.result.file);
      const run = await runExample({ root, file: example.result.file, timeoutMs: options.timeoutMs });
      const { captures, problems: runProblems } = interpretEvents(run.events, run.end, example.result);
      example.result = { ...example.result, captures, ran: runProblems.length === 0 };
      problems.push(...runProblems);
      const timing = { file: example.result.file, durationMs: run.durationMs, ok: runProblems.length === 0 };
      timings.push(timing);
      options.onExampleDone?.(timing);
    },
    options.concurrency,
  );

  const updates = await Promise.all(
    pages.map(async ({ file, text, references }): Promise<PageUpdate> => {
      const replacements: BodyReplacement[] = [];
      for (const block of references.blocks) {
        const example = examples.get(block.example);
        if (!example?.runnable) continue;
        const view = await renderView(block, example.result, file, renderSchemaDiagram);
        if ('problem' in view) problems.push(view.problem);
        else replacements.push({ ...block.body, text: view.text });
      }
      return { file, current: text, updated: injectBodies(text, replacements) };
    }),
  );

  return { pages: updates, problems: sortProblems(problems), examples: timings.sort((a, b) => a.file.localeCompare(b.file)) };
}

interface LoadedExample {
  result: ExampleResult;
  /** False when the file is missing or its region markers are broken. */
  runnable: boolean;
}

async function loadExamples(
  pages: ReadonlyArray<{ file: string; references: PageReferences }>,
  options: VerifyOptions,
  problems: Problem[],
): Promise<Map<string, LoadedExample>> {
  const examples = new Map<string, LoadedExample>();
  for (const { file: page, references } of pages) {
    for (const reference of [...references.blocks, ...references.fullcode]) {
      let example = examples.get(reference.example);
      if (!example) {
        const file = `code/${reference.example}`;
        const path = join(options.root, file);
        if (!existsSync(path)) {
          example = { result: { file, source: '', regions: [], captures: new Map(), ran: false }, runnable: false };
        } else {
          const source = await readFile(path, 'utf8');
          const parsed = parseRegions(source, file);
          problems.push(...parsed.problems);
          example = {
            result: { file, source, regions: parsed.regions, captures: new Map(), ran: false },
            runnable: parsed.problems.length === 0,
          };
        }
        examples.set(reference.example, example);
      }
      if (!existsSync(join(options.root, example.result.file))) {
        problems.push({ file: page, line: reference.line, message: `example \`${example.result.file}\` does not exist` });
      }
    }
  }
  return examples;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message),
  );
}

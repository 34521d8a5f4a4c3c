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
import { compileModules, findInputs, findInputsCached, type ExampleInputs } from './compile-example.ts';
import { contentKey, environmentFingerprint, exampleKey, JsonCache, type RunCache } from './example-cache.ts';
import { runExample } from './run-example.ts';
import { prepareRuntime } from './runtime-bundle.ts';
import { cachedDiagramRenderer } from './schema-diagram.ts';
import type { findShortcodes } from './shortcodes.ts';
import { renderView, type ExampleResult } from './views.ts';

export interface VerifyOptions {
  /** Repository root, holding `content/` and `code/`. */
  root: string;
  timeoutMs: number;
  /** Only pages whose path starts with one of these (e.g. `content/docs/querying`); all when empty. */
  only?: readonly string[];
  concurrency?: number;
  /**
   * `read-write` (build, dev) takes unchanged examples' output from the cache;
   * `write-only` (check) runs every example from scratch and stores the fresh results.
   */
  cacheMode?: 'read-write' | 'write-only';
  /** Told which examples will run, then when each starts and ends, for progress output. */
  onPlan?: (files: readonly string[]) => void;
  onExampleStart?: (file: string) => void;
  onExampleDone?: (done: ExampleTiming) => void;
}

export interface ExampleTiming {
  file: string;
  durationMs: number;
  ok: boolean;
  /** True when the output came from the cache instead of a run. */
  cached: boolean;
}

export interface PageUpdate {
  file: string;
  current: string;
  updated: string;
  /** The examples the page quotes or links, e.g. `code/relationships/one-to-one.ts`. */
  examples: string[];
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
  const [environment, runtime] = await Promise.all([environmentFingerprint(root), prepareRuntime(root)]);
  // In write-only mode (check) nothing is read from the cache: every result is made afresh.
  const readCache = (options.cacheMode ?? 'read-write') === 'read-write';
  // Finding shortcodes takes a markdown parse; a page's result is kept until its text changes.
  const pageCache = new JsonCache<ReturnType<typeof findShortcodes>>(root, 'pages');
  const pages = await Promise.all(
    pageFiles.map(async (file) => {
      const text = await readFile(join(root, file), 'utf8');
      const key = contentKey(environment, file, text);
      let located = readCache ? await pageCache.get(key) : undefined;
      if (!located) {
        // The markdown parser loads only when a page changed.
        const { findShortcodes } = await import('./shortcodes.ts');
        located = findShortcodes(text, file);
        await pageCache.set(key, located);
      }
      const { shortcodes, problems: shortcodeProblems } = located;
      const references = readReferences(shortcodes, file);
      problems.push(...shortcodeProblems, ...references.problems);
      return { file, text, references };
    }),
  );

  const examples = await loadExamples(pages, options, problems);

  const timings: ExampleTiming[] = [];
  const runnable = [...examples.values()].filter((example) => example.runnable);
  options.onPlan?.(runnable.map((example) => example.result.file));
  const cache: RunCache = new JsonCache(root, 'runs');
  const record = (example: LoadedExample, outcome: Outcome, started: number): void => {
    problems.push(...outcome.problems);
    example.result = { ...example.result, captures: outcome.captures, ran: outcome.problems.length === 0 };
    const timing = { file: example.result.file, durationMs: performance.now() - started, ok: outcome.problems.length === 0, cached: outcome.cached };
    timings.push(timing);
    options.onExampleDone?.(timing);
  };

  // Looking up the cache is cheap, so every example is looked up at once; only the
  // examples whose inputs changed then run, at most one per core at a time.
  const lookups = await Promise.all(
    runnable.map(async (example) => {
      const started = performance.now();
      const lookup = await lookUp(example.result, { root, environment, cache, cacheMode: options.cacheMode ?? 'read-write' });
      if ('outcome' in lookup) record(example, lookup.outcome, started);
      return { example, lookup };
    }),
  );
  await mapConcurrent(
    lookups.flatMap(({ example, lookup }) => ('inputs' in lookup ? [{ example, ...lookup }] : [])),
    async ({ example, inputs, key }) => {
      options.onExampleStart?.(example.result.file);
      const started = performance.now();
      record(example, await runFresh(example.result, inputs, key, { ...options, runtime, cache }), started);
    },
    options.concurrency,
  );

  const drawDiagram = cachedDiagramRenderer(root, { read: readCache });
  const updates = await Promise.all(
    pages.map(async ({ file, text, references }): Promise<PageUpdate> => {
      const replacements: BodyReplacement[] = [];
      for (const block of references.blocks) {
        const example = examples.get(block.example);
        if (!example?.runnable) continue;
        const view = await renderView(block, example.result, file, drawDiagram);
        if ('problem' in view) problems.push(view.problem);
        else replacements.push({ ...block.body, text: view.text });
      }
      const quoted = new Set([...references.blocks, ...references.fullcode].map((reference) => `code/${reference.example}`));
      return { file, current: text, updated: injectBodies(text, replacements), examples: [...quoted].sort() };
    }),
  );

  return { pages: updates, problems: sortProblems(problems), examples: timings.sort((a, b) => a.file.localeCompare(b.file)) };
}

type Outcome = { captures: ExampleResult['captures']; problems: Problem[]; cached: boolean };

/**
 * Finds what an example depends on and looks its run up in the cache. Returns the
 * outcome when it is known (recalled, or the example cannot compile), else what a run needs.
 */
async function lookUp(
  example: ExampleResult,
  context: { root: string; environment: string; cache: RunCache; cacheMode: 'read-write' | 'write-only' },
): Promise<{ outcome: Outcome } | { inputs: ExampleInputs; key: string }> {
  const inputs =
    context.cacheMode === 'read-write'
      ? await findInputsCached(context.root, example.file, new JsonCache<string[]>(context.root, 'graphs'), (candidate) =>
          exampleKey(context.environment, candidate),
        )
      : await findInputs(context.root, example.file);
  if ('problems' in inputs) return { outcome: { captures: new Map(), problems: inputs.problems, cached: false } };
  const key = exampleKey(context.environment, inputs);
  const recalled = context.cacheMode === 'read-write' ? await context.cache.get(key) : undefined;
  if (!recalled) return { inputs, key };
  const { captures, problems } = interpretEvents(recalled.events, recalled.end, example);
  return { outcome: { captures, problems, cached: true } };
}

/** Compiles and runs an example, and stores the run when it succeeded. */
async function runFresh(
  example: ExampleResult,
  inputs: ExampleInputs,
  key: string,
  context: VerifyOptions & { runtime: string; cache: RunCache },
): Promise<Outcome> {
  const { root } = context;
  const compiled = await compileModules(root, inputs, example.regions);
  if ('problems' in compiled) return { captures: new Map(), problems: compiled.problems, cached: false };
  const raw = await runExample({ root, file: example.file, modules: compiled.modules, runtime: context.runtime, timeoutMs: context.timeoutMs });
  const { captures, problems } = interpretEvents(raw.events, raw.end, example);
  if (problems.length === 0) await context.cache.set(key, raw);
  return { captures, problems, cached: false };
}

/** Lists the examples (`code/...` paths) that the pages under `content/` quote or link, sorted. */
export async function referencedExamples(root: string): Promise<string[]> {
  const { findShortcodes } = await import('./shortcodes.ts');
  const examples = new Set<string>();
  for (const page of await listPages(root, 'content')) {
    const text = await readFile(join(root, page), 'utf8');
    const { blocks, fullcode } = readReferences(findShortcodes(text, page).shortcodes, page);
    for (const reference of [...blocks, ...fullcode]) examples.add(`code/${reference.example}`);
  }
  return [...examples].sort();
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

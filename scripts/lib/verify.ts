/**
 * The pipeline, as its stages: read the pages → load the examples they quote → plan the
 * runs (example × dialect) → execute them (store, pool) → observe each run → render the
 * blocks' views → splice the bodies into the pages. Writes nothing: the command decides
 * whether to write (build) or compare (check).
 */
import { join } from 'node:path';
import { checkContentRules } from './content-rules.ts';
import { DEFAULT_DIALECT, DIALECTS } from './dialects/index.ts';
import type { ExampleTypes } from './example-types.ts';
import { loadExamples, type Example } from './examples.ts';
import { exampleInputs, executeJobs, type Execution } from './execute.ts';
import { readTextIfExists } from './files.ts';
import { formatBody, injectBodies, type BodyReplacement } from './inject.ts';
import { observeRun, type Observation } from './observe.ts';
import { quotedExamples, readPages, type PageModel } from './page-model.ts';
import { jobId, planJobs, type Job } from './plan.ts';
import { internalProblem, sortProblems, type Problem } from './problem.ts';
import type { RawRun } from './run-example.ts';
import { storedDiagramRenderer } from './schema-diagram.ts';
import { Session } from './session.ts';
import { SITE_DATA_FILE, siteData } from './site-data.ts';
import { firstDifference, UNSTABLE_CAUSES } from './stability.ts';
import { typeCheck, type TypeCheckResult } from './typecheck.ts';
import { renderBlock, VIEWS } from './views/index.ts';

export interface VerifyOptions {
  timeoutMs: number;
  /** Only pages whose path starts with one of these (e.g. `content/docs/querying`); all when empty. */
  only?: readonly string[];
  concurrency?: number;
  /** Told which runs will be made, then when each starts and ends, for progress output. */
  onPlan?: (labels: readonly string[]) => void;
  onExampleStart?: (label: string) => void;
  onExampleDone?: (done: ExampleTiming) => void;
}

export interface ExampleTiming {
  /** The example, e.g. `code/x.ts`, followed by its dialect when it is not the default one. */
  file: string;
  durationMs: number;
  ok: boolean;
  /** True when the output came from the cache instead of a run. */
  cached: boolean;
}

/** A file the build writes, with its text on disk and the text it should have. */
export interface FileUpdate {
  file: string;
  current: string;
  updated: string;
}

export interface PageUpdate extends FileUpdate {
  /** The examples the page quotes or links, e.g. `code/relationships/one-to-one.ts`. */
  examples: string[];
}

export interface VerifyResult {
  pages: PageUpdate[];
  /** Files other than pages that the build derives from the sources (the site data). */
  generated: FileUpdate[];
  problems: Problem[];
  examples: ExampleTiming[];
}

/** Runs every example that `content/` references and computes each page as it should be. */
export async function verifyPages(session: Session, options: VerifyOptions): Promise<VerifyResult> {
  const report = new Report();
  const pages = await report.stage('reading pages', () => readPages(session, options.only), []);
  for (const page of pages) report.add(page.problems, checkContentRules(page));

  const { examples } = await report.stage('reading examples', () => loadExamples(session.root, pages).then((loaded) => report.keep(loaded)), {
    examples: new Map<string, Example>(),
    problems: [],
  });
  const jobs = planJobs(examples.values(), DIALECTS);
  options.onPlan?.(jobs.map(label));

  const observations = new Map<string, Observation>();
  const timings: ExampleTiming[] = [];
  const run = (batch: readonly Job[], fresh: boolean): Promise<Map<string, Execution>> =>
    report.stage(
      'running examples',
      () =>
        executeJobs(session, batch, {
          timeoutMs: options.timeoutMs,
          fresh,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          // Second runs are part of their example's verification, not examples of their own.
          onStart: (job) => {
            if (!fresh) options.onExampleStart?.(label(job));
          },
          onSettled: (execution) => {
            if (fresh) return;
            const observation = observe(execution);
            observations.set(execution.job.id, observation);
            const timing = { file: label(execution.job), durationMs: execution.durationMs, ok: observation.problems.length === 0, cached: execution.cached };
            timings.push(timing);
            options.onExampleDone?.(timing);
          },
        }),
      new Map<string, Execution>(),
    );
  // Type-checking takes a thread of its own while the examples run.
  const typeChecked = report.stage('type-checking examples', () => typeCheckExamples(session, examples.values(), pages), { problems: [], types: new Map() });
  const executions = await run(jobs, false);
  const { types } = report.keep(await typeChecked);

  const rendered = await report.stage('rendering pages', () => renderPages(session, pages, examples, observations, types, report), { updates: [], changed: new Set<string>(), unverified: new Map<string, string[]>() });

  // Output new to a page, or different from it, must come out the same twice before it is
  // written (or, for check, before it is called drift): a second run of those examples.
  const recheck = jobs.filter((job) => {
    const execution = executions.get(job.id);
    return execution && !execution.cached && rendered.changed.has(job.example.file) && observations.get(job.id)?.problems.length === 0;
  });
  const unstable = new Set<string>();
  if (recheck.length > 0) {
    const second = await run(recheck, true);
    for (const job of recheck) {
      const again = second.get(job.id);
      const difference = again && firstDifference(observations.get(job.id) as Observation, observe(again));
      if (!again || !difference) continue;
      unstable.add(job.id);
      const region = job.example.regions.find((r) => r.name === difference.region);
      report.add([
        {
          rule: 'unstable-output',
          file: job.example.file,
          ...(region ? { line: region.startLine } : {}),
          message: `prints something else on each run, so no page shows it: region \`${difference.region}\`, ${difference.part} line ${difference.line}: first run \`${difference.first}\`, second run \`${difference.second}\`; ${UNSTABLE_CAUSES}`,
        },
      ]);
    }
  }

  for (const observation of observations.values()) report.add(withConsequence(observation.problems, rendered.unverified));
  await report.stage('storing runs', () => rememberRuns(session, executions.values(), (id) => observations.get(id)?.problems.length === 0 && !unstable.has(id)), undefined);
  const generated = await report.stage('writing site data', () => renderSiteData(session), []);
  return { pages: rendered.updates, generated, problems: report.sorted(), examples: timings.sort((a, b) => a.file.localeCompare(b.file)) };
}

async function typeCheckExamples(session: Session, examples: Iterable<Example>, pages: readonly PageModel[]): Promise<TypeCheckResult> {
  const runnable = [...examples].filter((example) => example.runnable);
  const found = await Promise.all(runnable.map(async (example) => ({ example, inputs: await exampleInputs(session, example.file) })));
  const checkable = found.flatMap(({ example, inputs }) => ('problems' in inputs ? [] : [{ file: example.file, inputs, shown: linesShownWithTypes(example, pages) }]));
  return typeCheck(session, checkable);
}

/** The lines of an example that blocks of views showing types quote (first and last, 1-based), in order, once each. */
function linesShownWithTypes(example: Example, pages: readonly PageModel[]): Array<[number, number]> {
  const ranges = new Map<string, [number, number]>();
  for (const block of pages.flatMap((page) => page.blocks)) {
    if (`code/${block.example}` !== example.file || !VIEWS[block.view].showsTypes) continue;
    const region = example.regions.find((r) => r.name === block.region);
    const range: [number, number] = region ? [region.startLine + 1, region.endLine - 1] : [1, example.source.split('\n').length];
    if (block.region === undefined || region) ranges.set(range.join(), range);
  }
  return [...ranges.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Attaches to an example's first problem how many blocks, on which pages, its failure left unverified. */
function withConsequence(problems: readonly Problem[], unverified: ReadonlyMap<string, string[]>): Problem[] {
  const [first, ...rest] = problems;
  const pages = first ? unverified.get(first.file) : undefined;
  if (!first || !pages?.length) return [...problems];
  const counts = new Map<string, number>();
  for (const page of pages) counts.set(page, (counts.get(page) ?? 0) + 1);
  const where = [...counts].map(([page, count]) => `${page} (${count})`).join(', ');
  return [{ ...first, consequence: `this left ${pages.length} block${pages.length === 1 ? '' : 's'} unverified: ${where}` }, ...rest];
}

/** Lists the examples (`code/...` paths) that the pages under `content/` quote or link, sorted. */
export async function referencedExamples(root: string): Promise<string[]> {
  const session = new Session({ root, cacheMode: 'write-only' });
  try {
    return quotedExamples(await readPages(session));
  } finally {
    await session.close();
  }
}

function label(job: Job): string {
  return job.dialect === DEFAULT_DIALECT ? job.example.file : `${job.example.file} (${job.dialect.name})`;
}

function observe(execution: Execution): Observation {
  if (!execution.run) return { captures: new Map(), problems: execution.problems };
  const observation = observeRun(execution.run, execution.job.example);
  const dialect = execution.job.dialect === DEFAULT_DIALECT ? {} : { dialect: execution.job.dialect.id };
  return { ...observation, problems: observation.problems.map((problem) => ({ ...problem, ...dialect })) };
}

/**
 * Stores the runs made now that succeeded and were stable; a failed run, or one whose
 * output varied, is never stored, so it runs again next time.
 */
async function rememberRuns(session: Session, executions: Iterable<Execution>, good: (jobId: string) => boolean): Promise<void> {
  const shelf = session.store.shelf<RawRun>('runs');
  const stored = [...executions].filter((execution) => !execution.cached && execution.run && execution.key && good(execution.job.id));
  await Promise.all(stored.map((execution) => shelf.set(execution.key ?? '', execution.run as RawRun)));
}

/** What rendering found: the pages as they should be, the examples whose blocks changed, and the blocks failed runs left unverified. */
interface Rendered {
  updates: PageUpdate[];
  /** Examples with a block whose body is not what the page holds. */
  changed: Set<string>;
  /** Per failed example, the page of every block it left unverified. */
  unverified: Map<string, string[]>;
}

async function renderPages(
  session: Session,
  pages: readonly PageModel[],
  examples: ReadonlyMap<string, Example>,
  observations: ReadonlyMap<string, Observation>,
  types: ReadonlyMap<string, ExampleTypes>,
  report: Report,
): Promise<Rendered> {
  const drawDiagram = storedDiagramRenderer(session);
  const changed = new Set<string>();
  const unverified = new Map<string, string[]>();
  const updates = await Promise.all(
    pages.map(async (page): Promise<PageUpdate> => {
      const replacements: BodyReplacement[] = [];
      for (const block of page.blocks) {
        const example = examples.get(`code/${block.example}`);
        if (!example?.runnable) continue;
        const result = await renderBlock(block, example, observations.get(jobId(example.file, DEFAULT_DIALECT.id)), page.file, drawDiagram, types.get(example.file));
        if ('unverified' in result) {
          unverified.set(example.file, [...(unverified.get(example.file) ?? []), page.file]);
          continue;
        }
        if ('problem' in result) {
          report.add([result.problem]);
          continue;
        }
        const replacement = { ...block.body, text: result.rendered.kind === 'text' ? result.rendered.text : result.rendered.html };
        if (formatBody(replacement.text) !== page.text.slice(block.body.start, block.body.end)) changed.add(example.file);
        replacements.push(replacement);
      }
      return { file: page.file, current: page.text, updated: injectBodies(page.text, replacements), examples: quotedExamples([page]) };
    }),
  );
  return { updates, changed, unverified };
}

async function renderSiteData(session: Session): Promise<FileUpdate[]> {
  const current = (await readTextIfExists(join(session.root, SITE_DATA_FILE))) ?? '';
  return [{ file: SITE_DATA_FILE, current, updated: await siteData(session.root) }];
}

/** Collects the problems of every stage; a stage that throws becomes one `internal` problem and yields its fallback. */
class Report {
  readonly #problems: Problem[] = [];

  add(...lists: ReadonlyArray<readonly Problem[]>): void {
    for (const list of lists) this.#problems.push(...list);
  }

  /** Takes the problems out of a stage's result and returns the result. */
  keep<T extends { problems: Problem[] }>(result: T): T {
    this.add(result.problems);
    return result;
  }

  async stage<T>(name: string, run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.#problems.push(internalProblem(name, error));
      return fallback;
    }
  }

  sorted(): Problem[] {
    return sortProblems(this.#problems);
  }
}

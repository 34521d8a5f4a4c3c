/**
 * The pipeline, as its stages: read the pages → load the examples they quote → plan the
 * runs (example × dialect) → execute them (store, pool) → observe each run → render the
 * blocks' views → splice the bodies into the pages. Writes nothing: the command decides
 * whether to write (build) or compare (check).
 */
import { join } from 'node:path';
import { checkContentRules } from './content-rules.ts';
import { chooseDialects } from './dialects/choose.ts';
import { DEFAULT_DIALECT, DIALECTS } from './dialects/index.ts';
import { loadExamples, type Example } from './examples.ts';
import { exampleInputs, executeJobs, type Execution, type InputsFinder } from './execute.ts';
import { readTextIfExists } from './files.ts';
import { observeRun, type Observation } from './observe.ts';
import { quotedExamples, readPages, type PageModel } from './page-model.ts';
import { renderPages, type PageUpdate } from './render-pages.ts';
import { filesLeftBehind, snapshotRepository } from './repository-guard.ts';
import { jobId, planDialects, planJobs, type Job } from './plan.ts';
import type { Problem } from './problem.ts';
import { Report, withConsequence } from './problem-report.ts';
import type { RawRun } from './run-example.ts';
import { storedDiagramRenderer } from './schema-diagram.ts';
import { Session } from './session.ts';
import { SITE_DATA_FILE, siteData } from './site-data.ts';
import { compareRuns } from './stability.ts';
import { typeCheck, type TypeCheckResult } from './typecheck.ts';
import { VIEWS } from './views/index.ts';

export type { PageUpdate } from './render-pages.ts';

export interface VerifyOptions {
  timeoutMs: number;
  /** Only pages whose path starts with one of these (e.g. `content/docs/querying`); all when empty. */
  only?: readonly string[];
  concurrency?: number;
  /** Told which runs will be made, then when each starts and ends, for progress output. */
  onPlan?: (labels: readonly string[]) => void;
  onExampleStart?: (label: string) => void;
  onExampleDone?: (done: ExampleTiming) => void;
  /** Fail when a registered dialect cannot be verified on this machine (CI); by default it is skipped and reported. */
  requireDialects?: boolean;
  /**
   * Verify only these dialects (ids, as `DIALECTS` names them); the others are reported as
   * not verified and their bodies kept, as for a dialect the machine lacks. All when undefined.
   */
  dialects?: readonly string[];
  /**
   * Fail when files in the repository appear or change while the examples run (an example
   * writing by an absolute path). Off in the dev server, where the author saves meanwhile.
   */
  guardRepository?: boolean;
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


export interface VerifyResult {
  pages: PageUpdate[];
  /** Files other than pages that the build derives from the sources (the site data). */
  generated: FileUpdate[];
  problems: Problem[];
  examples: ExampleTiming[];
  /** Dialects left out or that this machine could not verify, with how to verify them; their bodies were kept as they were. */
  unverified: Array<{ dialect: string; hint: string }>;
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
  const { active, unverified } = report.keep(chooseDialects({ required: options.requireDialects ?? false, selected: options.dialects }));

  // An example's inputs are found once per verification: its dialects, its jobs on every
  // dialect, its second run and its type-check all use them.
  const found = new Map<string, ReturnType<InputsFinder>>();
  const inputsOf: InputsFinder = (file) => {
    let inputs = found.get(file);
    if (!inputs) found.set(file, (inputs = exampleInputs(session, file)));
    return inputs;
  };
  const { dialectsOf } = await report.stage('reading dialects', () => planDialects(examples.values(), inputsOf).then((planned) => report.keep(planned)), {
    dialectsOf: new Map<string, string[]>(),
    problems: [],
  });
  const jobs = planJobs(examples.values(), active, dialectsOf);
  options.onPlan?.(jobs.map(label));

  const observations = new Map<string, Observation>();
  const timings: ExampleTiming[] = [];
  const run = (batch: readonly Job[], fresh: boolean): Promise<Map<string, Execution>> =>
    report.stage(
      'running examples',
      () =>
        executeJobs(session, batch, {
          timeoutMs: options.timeoutMs,
          inputsOf,
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
  const typeChecked = report.stage('type-checking examples', () => typeCheckExamples(session, examples.values(), inputsOf, pages), { problems: [], types: new Map() });
  const before = options.guardRepository && jobs.length > 0 ? await snapshotRepository(session.root) : undefined;
  const executions = await run(jobs, false);
  const { types } = report.keep(await typeChecked);
  if (before) {
    const ran = new Map([...executions.values()].filter((execution) => !execution.cached).map(({ job }) => [job.example.file, job.example]));
    report.add(await filesLeftBehind(session.root, before, [...ran.values()]));
  }

  const rendered = await report.stage(
    'rendering pages',
    () =>
      renderPages({
        pages,
        examples,
        jobs: new Map(jobs.map((job) => [job.id, job])),
        observations,
        dialects: DIALECTS,
        unverifiable: new Set(unverified.map(({ dialect }) => dialect)),
        runsOn: (file) => dialectsOf.get(file) ?? [DEFAULT_DIALECT.id],
        jobIdOf: jobId,
        drawDiagram: storedDiagramRenderer(session),
        types,
      }).then((result) => report.keep(result)),
    { updates: [], problems: [], changed: new Set<string>(), unverified: new Map<string, string[]>() },
  );

  // Output new to a page, or different from it, must come out the same twice before it is
  // written (or, for check, before it is called drift): a second run of those examples.
  const recheck = jobs.filter((job) => {
    const execution = executions.get(job.id);
    return execution && !execution.cached && rendered.changed.has(job.id) && observations.get(job.id)?.problems.length === 0;
  });
  const second = recheck.length > 0 ? await run(recheck, true) : new Map<string, Execution>();
  const { unstable } = report.keep(compareRuns(recheck, observations, (id) => {
    const again = second.get(id);
    return again && observe(again);
  }));

  for (const [id, observation] of observations) report.add(withConsequence(observation.problems, rendered.unverified.get(id)));
  await report.stage('storing runs', () => rememberRuns(session, executions.values(), (id) => observations.get(id)?.problems.length === 0 && !unstable.has(id)), undefined);
  const generated = await report.stage('writing site data', () => renderSiteData(session), []);
  return { pages: rendered.updates, generated, problems: report.sorted(), examples: timings.sort((a, b) => a.file.localeCompare(b.file)), unverified };
}

async function typeCheckExamples(session: Session, examples: Iterable<Example>, inputsOf: InputsFinder, pages: readonly PageModel[]): Promise<TypeCheckResult> {
  // Only programs (TypeScript) are type-checked; a quoted package.json or migration in JavaScript is shown as it is.
  const runnable = [...examples].filter((example) => example.runnable && example.program);
  const found = await Promise.all(runnable.map(async (example) => ({ example, inputs: await inputsOf(example.file) })));
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
  const observation = observeRun(execution.run, execution.job.example, execution.job.dialect.id);
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

async function renderSiteData(session: Session): Promise<FileUpdate[]> {
  const current = (await readTextIfExists(join(session.root, SITE_DATA_FILE))) ?? '';
  return [{ file: SITE_DATA_FILE, current, updated: await siteData(session.root) }];
}

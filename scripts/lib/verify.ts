/**
 * The pipeline, as its stages: read the pages → load the examples they quote → plan the
 * runs (example × dialect) → execute them (store, pool) → observe each run → render the
 * blocks' views → splice the bodies into the pages. Writes nothing: the command decides
 * whether to write (build) or compare (check).
 */
import { basename, join } from 'node:path';
import { checkContentRules } from './content-rules.ts';
import { DEFAULT_DIALECT, DIALECTS, type Dialect } from './dialects/index.ts';
import { loadExamples, type Example } from './examples.ts';
import { exampleInputs, executeJobs, type Execution } from './execute.ts';
import { readTextIfExists } from './files.ts';
import { observeRun, type Observation } from './observe.ts';
import { quotedExamples, readPages } from './page-model.ts';
import { renderPages, type PageUpdate } from './render-pages.ts';
import { changedFiles, snapshotRepository, type Snapshot } from './repository-guard.ts';

export type { PageUpdate } from './render-pages.ts';
import { jobId, planJobs, type Job } from './plan.ts';
import { internalProblem, sortProblems, type Problem } from './problem.ts';
import type { RawRun } from './run-example.ts';
import { storedDiagramRenderer } from './schema-diagram.ts';
import { Session } from './session.ts';
import { SITE_DATA_FILE, siteData } from './site-data.ts';
import { firstDifference, UNSTABLE_CAUSES } from './stability.ts';
import { typeCheck } from './typecheck.ts';

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
  /** Dialects this machine could not verify, with how to make it so; their bodies were kept as they were. */
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
  const { active, unverified } = chooseDialects(options.requireDialects ?? false, report);
  const jobs = planJobs(examples.values(), active);
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
  const typeProblems = report.stage('type-checking examples', () => typeCheckExamples(session, examples.values()), []);
  const before = options.guardRepository && jobs.length > 0 ? await snapshotRepository(session.root) : undefined;
  const executions = await run(jobs, false);
  report.add(await typeProblems);
  if (before) report.add(await filesLeftBehind(session.root, before, executions));

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
        jobIdOf: jobId,
        drawDiagram: storedDiagramRenderer(session),
      }).then((result) => report.keep(result)),
    { updates: [], problems: [], changed: new Set<string>(), unverified: new Map<string, string[]>() },
  );

  // Output new to a page, or different from it, must come out the same twice before it is
  // written (or, for check, before it is called drift): a second run of those examples.
  const recheck = jobs.filter((job) => {
    const execution = executions.get(job.id);
    return execution && !execution.cached && rendered.changed.has(job.id) && observations.get(job.id)?.problems.length === 0;
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
          ...(job.dialect === DEFAULT_DIALECT ? {} : { dialect: job.dialect.id }),
          file: job.example.file,
          ...(region ? { line: region.startLine } : {}),
          message: `prints something else on each run, so no page shows it: region \`${difference.region}\`, ${difference.part} line ${difference.line}: first run \`${difference.first}\`, second run \`${difference.second}\`; ${UNSTABLE_CAUSES}`,
        },
      ]);
    }
  }

  for (const [id, observation] of observations) report.add(withConsequence(observation.problems, rendered.unverified.get(id)));
  await report.stage('storing runs', () => rememberRuns(session, executions.values(), (id) => observations.get(id)?.problems.length === 0 && !unstable.has(id)), undefined);
  const generated = await report.stage('writing site data', () => renderSiteData(session), []);
  return { pages: rendered.updates, generated, problems: report.sorted(), examples: timings.sort((a, b) => a.file.localeCompare(b.file)), unverified };
}

/**
 * The dialects this machine can verify. One it cannot is skipped and reported (its bodies
 * stay as the pages hold them), or, when every dialect is required, a problem.
 */
function chooseDialects(required: boolean, report: Report): { active: Dialect[]; unverified: Array<{ dialect: string; hint: string }> } {
  const active: Dialect[] = [];
  const unverified: Array<{ dialect: string; hint: string }> = [];
  for (const dialect of DIALECTS) {
    const availability = dialect.detect();
    if (availability.available) {
      active.push(dialect);
    } else if (required) {
      report.add([{ rule: 'internal', file: 'scripts/lib/dialects', dialect: dialect.id, message: `${dialect.name} cannot be verified on this machine: ${availability.hint}` }]);
    } else {
      unverified.push({ dialect: dialect.id, hint: availability.hint });
    }
  }
  return { active, unverified };
}

/**
 * Files the runs created or changed in the repository, which every run must leave as it
 * found it. They are reported, never deleted: one may be an author's.
 */
async function filesLeftBehind(root: string, before: Snapshot, executions: ReadonlyMap<string, Execution>): Promise<Problem[]> {
  const { created, changed } = changedFiles(before, await snapshotRepository(root));
  const ran = [...new Map([...executions.values()].filter((execution) => !execution.cached).map((execution) => [execution.job.example.file, execution.job.example])).values()];
  // The example whose source names the file is the likely writer; else every example that ran.
  const by = (file: string): string => {
    const named = ran.filter((example) => example.source.includes(basename(file)));
    const suspects = (named.length > 0 ? named : ran).map((example) => example.file);
    return suspects.length === 1 ? `by ${suspects[0]}` : `by one of ${suspects.join(', ')}`;
  };
  return [
    ...created.map((file): Problem => ({ rule: 'dirty-run', file, message: `was created while the examples ran (${by(file)}); an example writes only to \`:memory:\` or a temporary folder of its own: delete this file and fix the example` })),
    ...changed.map((file): Problem => ({ rule: 'dirty-run', file, message: `was changed while the examples ran (${by(file)}); an example never writes into the repository: restore this file (git checkout) and fix the example` })),
  ];
}

async function typeCheckExamples(session: Session, examples: Iterable<Example>): Promise<Problem[]> {
  const runnable = [...examples].filter((example) => example.runnable);
  const found = await Promise.all(runnable.map(async (example) => ({ file: example.file, inputs: await exampleInputs(session, example.file) })));
  const checkable = found.flatMap(({ file, inputs }) => ('problems' in inputs ? [] : [{ file, inputs }]));
  return typeCheck(session, checkable);
}

/** Attaches to a run's first problem how many blocks, on which pages, its failure left unverified. */
function withConsequence(problems: readonly Problem[], pages: readonly string[] | undefined): Problem[] {
  const [first, ...rest] = problems;
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

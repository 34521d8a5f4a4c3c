/**
 * The pipeline, as its stages: read the pages → load the examples they quote → plan the
 * runs (example × dialect) → execute them (store, pool) → observe each run → render the
 * blocks' views → splice the bodies into the pages. Writes nothing: the command decides
 * whether to write (build) or compare (check).
 */
import { join } from 'node:path';
import { checkContentRules } from './content-rules.ts';
import { DEFAULT_DIALECT, DIALECTS } from './dialects/index.ts';
import { loadExamples, type Example } from './examples.ts';
import { executeJobs, type Execution } from './execute.ts';
import { readTextIfExists } from './files.ts';
import { injectBodies, type BodyReplacement } from './inject.ts';
import { observeRun, type Observation } from './observe.ts';
import { quotedExamples, readPages, type PageModel } from './page-model.ts';
import { jobId, planJobs, type Job } from './plan.ts';
import { internalProblem, sortProblems, type Problem } from './problem.ts';
import type { RawRun } from './run-example.ts';
import { storedDiagramRenderer } from './schema-diagram.ts';
import { Session } from './session.ts';
import { SITE_DATA_FILE, siteData } from './site-data.ts';
import { renderBlock } from './views/index.ts';

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
  const executions = await report.stage(
    'running examples',
    () =>
      executeJobs(session, jobs, {
        timeoutMs: options.timeoutMs,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        onStart: (job) => options.onExampleStart?.(label(job)),
        onSettled: (execution) => {
          const observation = observe(execution);
          observations.set(execution.job.id, observation);
          const timing = { file: label(execution.job), durationMs: execution.durationMs, ok: observation.problems.length === 0, cached: execution.cached };
          timings.push(timing);
          options.onExampleDone?.(timing);
        },
      }),
    new Map<string, Execution>(),
  );
  for (const observation of observations.values()) report.add(observation.problems);
  await report.stage('storing runs', () => rememberRuns(session, executions.values(), observations), undefined);

  const updates = await report.stage('rendering pages', () => renderPages(session, pages, examples, observations, report), []);
  const generated = await report.stage('writing site data', () => renderSiteData(session), []);
  return { pages: updates, generated, problems: report.sorted(), examples: timings.sort((a, b) => a.file.localeCompare(b.file)) };
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

/** Stores the runs made now that succeeded; a failed run is never stored, so it runs again next time. */
async function rememberRuns(session: Session, executions: Iterable<Execution>, observations: ReadonlyMap<string, Observation>): Promise<void> {
  const shelf = session.store.shelf<RawRun>('runs');
  const good = [...executions].filter((execution) => !execution.cached && execution.run && execution.key && observations.get(execution.job.id)?.problems.length === 0);
  await Promise.all(good.map((execution) => shelf.set(execution.key ?? '', execution.run as RawRun)));
}

async function renderPages(
  session: Session,
  pages: readonly PageModel[],
  examples: ReadonlyMap<string, Example>,
  observations: ReadonlyMap<string, Observation>,
  report: Report,
): Promise<PageUpdate[]> {
  const drawDiagram = storedDiagramRenderer(session);
  return Promise.all(
    pages.map(async (page): Promise<PageUpdate> => {
      const replacements: BodyReplacement[] = [];
      for (const block of page.blocks) {
        const example = examples.get(`code/${block.example}`);
        if (!example?.runnable) continue;
        const result = await renderBlock(block, example, observations.get(jobId(example.file, DEFAULT_DIALECT.id)), page.file, drawDiagram);
        if ('problem' in result) report.add([result.problem]);
        else replacements.push({ ...block.body, text: result.rendered.kind === 'text' ? result.rendered.text : result.rendered.html });
      }
      return { file: page.file, current: page.text, updated: injectBodies(page.text, replacements), examples: quotedExamples([page]) };
    }),
  );
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

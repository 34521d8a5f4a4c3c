import { compileModules, findInputs, findInputsCached, type ExampleInputs } from './compile-example.ts';
import type { Job } from './plan.ts';
import { mapConcurrent } from './pool.ts';
import type { Problem } from './problem.ts';
import { runExample, type RawRun } from './run-example.ts';
import type { Session } from './session.ts';
import { cacheKey, sha256 } from './store.ts';

/** What became of one job: its run (recalled from the store or made now), or why there is none. */
export interface Execution {
  job: Job;
  /** The run's record; undefined when the example could not be compiled. */
  run: RawRun | undefined;
  /** Problems that kept the example from running (it does not compile). */
  problems: Problem[];
  /** True when the run was recalled from the store instead of made. */
  cached: boolean;
  /** The key the run is stored under once it is known to be good. */
  key: string | undefined;
  durationMs: number;
}

/** Finds an example's inputs; verify.ts shares one, remembered per file, between its stages. */
export type InputsFinder = (file: string) => Promise<ExampleInputs | { problems: Problem[] }>;

export interface ExecuteOptions {
  timeoutMs: number;
  /** How to find an example's inputs (by default, afresh for each job). */
  inputsOf?: InputsFinder;
  /** Run every job, even those the store holds (a second run to prove output stable). */
  fresh?: boolean;
  /** How many examples run at once; one per core by default. */
  concurrency?: number;
  /** Told when a job starts running (not for recalled runs), for progress output. */
  onStart?: (job: Job) => void;
  /** Told when each job is settled, recalled or run, in the order they finish. */
  onSettled?: (execution: Execution) => void;
}

/**
 * Makes the runs the jobs need. Looking up the store is cheap, so every job is looked up
 * at once; only the jobs whose inputs changed then run, at most one per core at a time.
 */
export async function executeJobs(session: Session, jobs: readonly Job[], options: ExecuteOptions): Promise<Map<string, Execution>> {
  const executions = new Map<string, Execution>();
  const settle = (execution: Execution): void => {
    executions.set(execution.job.id, execution);
    options.onSettled?.(execution);
  };
  const pending = await Promise.all(
    jobs.map(async (job) => {
      const started = performance.now();
      const lookup = await lookUp(session, job, options.fresh ?? false, options.inputsOf ?? ((file) => exampleInputs(session, file)));
      if ('execution' in lookup) settle({ ...lookup.execution, durationMs: performance.now() - started });
      return 'inputs' in lookup ? [{ job, ...lookup }] : [];
    }),
  );
  await mapConcurrent(
    pending.flat(),
    async ({ job, inputs, key }) => {
      options.onStart?.(job);
      const started = performance.now();
      const made = await runJob(session, job, inputs, options.timeoutMs);
      settle({ job, key, cached: false, ...made, durationMs: performance.now() - started });
    },
    options.concurrency,
  );
  return executions;
}

/** The key of a run: the runner, the dialect, and the example with every local module it imports. */
export function runKey(runner: string, dialect: string, inputs: ExampleInputs): string {
  return cacheKey('run', runner, dialect, ...inputs.files.map((file) => `${file} ${sha256(inputs.contents.get(file) ?? '')}`));
}

/** The example and every local module it imports, with their contents (the import graph is stored). */
export async function exampleInputs(session: Session, file: string): Promise<ExampleInputs | { problems: Problem[] }> {
  if (session.store.mode === 'write-only') return findInputs(session.root, file);
  const { runner } = await session.fingerprints();
  return findInputsCached(session.root, file, session.store.shelf<string[]>('graphs'), (inputs) => runKey(runner, 'graph', inputs));
}

async function lookUp(
  session: Session,
  job: Job,
  fresh: boolean,
  inputsOf: InputsFinder,
): Promise<{ execution: Omit<Execution, 'durationMs'> } | { inputs: ExampleInputs; key: string }> {
  const { runner } = await session.fingerprints();
  const inputs = await inputsOf(job.example.file);
  if ('problems' in inputs) return { execution: { job, run: undefined, problems: inputs.problems, cached: false, key: undefined } };
  const key = runKey(runner, job.dialect.id, inputs);
  const recalled = fresh ? undefined : await session.store.shelf<RawRun>('runs').get(key);
  if (!recalled) return { inputs, key };
  return { execution: { job, run: recalled, problems: [], cached: true, key } };
}

async function runJob(session: Session, job: Job, inputs: ExampleInputs, timeoutMs: number): Promise<{ run: RawRun | undefined; problems: Problem[] }> {
  const compiled = await compileModules(session.root, inputs, job.example.regions);
  if ('problems' in compiled) return { run: undefined, problems: compiled.problems };
  const [runtime, prepared] = await Promise.all([session.runtime(), job.dialect.prepareRun(session, job)]);
  const run = await runExample({ root: session.root, file: job.example.file, modules: compiled.modules, runtime, timeoutMs, ...prepared, liteMode: job.dialect.liteMode });
  return { run, problems: [] };
}

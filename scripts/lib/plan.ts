import type { ExampleInputs } from './compile-example.ts';
import { programDialects } from './dialects/declaration.ts';
import { DEFAULT_DIALECT, type Dialect } from './dialects/index.ts';
import type { Example } from './examples.ts';
import type { Problem } from './problem.ts';

/** One run to make: an example on a dialect. */
export interface Job {
  /** `code/x.ts@sqlite`: names the run in caches, progress and observations. */
  id: string;
  example: Example;
  dialect: Dialect;
}

/** The programs the build runs: those a page shows a run of (output, SQL, schema); a module quoted for its code runs inside the programs that import it. */
export function programsToRun(examples: Iterable<Example>): Example[] {
  return [...examples].filter((example) => example.runnable && example.program && example.shown);
}

/**
 * The dialects each program to run runs on, by file: its `dialects:` declaration, checked
 * against the local modules it imports (see dialects/declaration.ts). A program whose imports cannot be found is
 * judged by its own source; its compile error is reported when it runs.
 */
export async function planDialects(
  examples: Iterable<Example>,
  inputsOf: (file: string) => Promise<ExampleInputs | { problems: Problem[] }>,
): Promise<{ dialectsOf: Map<string, string[]>; problems: Problem[] }> {
  const programs = await Promise.all(
    programsToRun(examples).map(async (example) => {
      const inputs = await inputsOf(example.file);
      if ('problems' in inputs) return [{ file: example.file, source: example.source }];
      return inputs.files.map((file) => ({ file, source: inputs.contents.get(file) ?? '' }));
    }),
  );
  return programDialects(programs);
}

/**
 * Every run the pages need: each program to run, on each dialect given that it runs on
 * (`dialectsOf`, from `planDialects`; SQLite alone when it is not there).
 */
export function planJobs(examples: Iterable<Example>, dialects: readonly Dialect[], dialectsOf: ReadonlyMap<string, readonly string[]>): Job[] {
  const jobs: Job[] = [];
  for (const example of programsToRun(examples)) {
    const runsOn = dialectsOf.get(example.file) ?? [DEFAULT_DIALECT.id];
    for (const dialect of dialects) {
      if (runsOn.includes(dialect.id)) jobs.push({ id: jobId(example.file, dialect.id), example, dialect });
    }
  }
  return jobs.sort((a, b) => a.id.localeCompare(b.id));
}

export function jobId(file: string, dialect: string): string {
  return `${file}@${dialect}`;
}

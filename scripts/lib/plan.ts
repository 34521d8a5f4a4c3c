import type { Dialect } from './dialects/index.ts';
import type { Example } from './examples.ts';

/** One run to make: an example on a dialect. */
export interface Job {
  /** `code/x.ts@sqlite`: names the run in caches, progress and observations. */
  id: string;
  example: Example;
  dialect: Dialect;
}

/** Every run the pages need: each runnable program quoted, on each dialect (a quoted `package.json` never runs). */
export function planJobs(examples: Iterable<Example>, dialects: readonly Dialect[]): Job[] {
  const jobs: Job[] = [];
  for (const example of examples) {
    if (!example.runnable || !example.program) continue;
    for (const dialect of dialects) jobs.push({ id: jobId(example.file, dialect.id), example, dialect });
  }
  return jobs.sort((a, b) => a.id.localeCompare(b.id));
}

export function jobId(file: string, dialect: string): string {
  return `${file}@${dialect}`;
}

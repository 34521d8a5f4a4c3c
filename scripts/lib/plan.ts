import { DATABASE_URL, DEFAULT_DIALECT, type Dialect } from './dialects/index.ts';
import type { Example } from './examples.ts';

/** One run to make: an example on a dialect. */
export interface Job {
  /** `code/x.ts@sqlite`: names the run in caches, progress and observations. */
  id: string;
  example: Example;
  dialect: Dialect;
}

/**
 * Every run the pages need: each runnable program quoted (a quoted `package.json` never
 * runs), on the default dialect, and on each other dialect given when the program reads
 * its connection from `DATABASE_URL` (an example that opens SQLite itself is SQLite's alone).
 */
export function planJobs(examples: Iterable<Example>, dialects: readonly Dialect[]): Job[] {
  const jobs: Job[] = [];
  for (const example of examples) {
    if (!example.runnable || !example.program) continue;
    for (const dialect of dialects) {
      if (dialect !== DEFAULT_DIALECT && !portable(example)) continue;
      jobs.push({ id: jobId(example.file, dialect.id), example, dialect });
    }
  }
  return jobs.sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether an example takes its database from the environment, and so runs on every dialect. */
export function portable(example: Pick<Example, 'source'>): boolean {
  return example.source.includes(`process.env.${DATABASE_URL}`);
}

export function jobId(file: string, dialect: string): string {
  return `${file}@${dialect}`;
}

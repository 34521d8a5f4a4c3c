import { DEFAULT_DIALECT } from './dialects/index.ts';
import type { Observation, RegionCapture } from './observe.ts';
import type { Job } from './plan.ts';
import type { Problem } from './problem.ts';

/** Where two runs of an example first showed different things. */
export interface Difference {
  region: string;
  /** Which part of the region differs: `output`, `sql`, `schema` or `error`. */
  part: string;
  /** 1-based line of the first difference within that part. */
  line: number;
  first: string;
  second: string;
}

/**
 * Compares two observations of the same example region by region, and returns the first
 * difference, or undefined when both runs showed exactly the same. Pure.
 */
export function firstDifference(a: Observation, b: Observation): Difference | undefined {
  const regions = [...new Set([...a.captures.keys(), ...b.captures.keys()])];
  for (const region of regions) {
    const left = a.captures.get(region);
    const right = b.captures.get(region);
    for (const part of ['output', 'sql', 'schema', 'error'] as const) {
      const one = partText(left, part);
      const two = partText(right, part);
      if (one === two) continue;
      const linesA = one.split('\n');
      const linesB = two.split('\n');
      const index = linesA.findIndex((line, i) => line !== linesB[i]);
      const at = index === -1 ? linesA.length : index;
      return { region, part, line: at + 1, first: linesA[at] ?? '(nothing)', second: linesB[at] ?? '(nothing)' };
    }
  }
  return undefined;
}

function partText(capture: RegionCapture | undefined, part: 'output' | 'sql' | 'schema' | 'error'): string {
  if (!capture) return '(the region did not run)';
  switch (part) {
    case 'output':
      return capture.output;
    case 'sql':
      return capture.sql.join('\n');
    case 'schema':
      return capture.schema === undefined ? '' : 'unavailable' in capture.schema ? capture.schema.unavailable : capture.schema.statements.join('\n');
    case 'error':
      return capture.error ?? '';
  }
}

/** The usual reasons a program prints something else on each run, for the problem's advice. */
export const UNSTABLE_CAUSES =
  'usual causes: the clock (import ../support/fixed-clock.ts first), randomness (Math.random, randomUUID), timings (performance.now, benchmark), process ids, or a database file shared between runs (use `:memory:`)';

/**
 * Compares each job's first run with its second, and returns the jobs whose runs differed
 * (never to be written or stored) with one problem each, at the region that differs.
 */
export function compareRuns(
  jobs: readonly Job[],
  first: ReadonlyMap<string, Observation>,
  second: (jobId: string) => Observation | undefined,
): { unstable: Set<string>; problems: Problem[] } {
  const unstable = new Set<string>();
  const problems: Problem[] = [];
  for (const job of jobs) {
    const before = first.get(job.id);
    const again = second(job.id);
    const difference = before && again && firstDifference(before, again);
    if (!difference) continue;
    unstable.add(job.id);
    const region = job.example.regions.find((r) => r.name === difference.region);
    problems.push({
      rule: 'unstable-output',
      ...(job.dialect === DEFAULT_DIALECT ? {} : { dialect: job.dialect.id }),
      file: job.example.file,
      ...(region ? { line: region.startLine } : {}),
      message: `prints something else on each run, so no page shows it: region \`${difference.region}\`, ${difference.part} line ${difference.line}: first run \`${difference.first}\`, second run \`${difference.second}\`; ${UNSTABLE_CAUSES}`,
    });
  }
  return { unstable, problems };
}

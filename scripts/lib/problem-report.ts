import { internalProblem, sortProblems, type Problem } from './problem.ts';

/** Collects the problems of every stage; a stage that throws becomes one `internal` problem and yields its fallback. */
export class Report {
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

/** Attaches to a run's first problem how many blocks, on which pages, its failure left unverified. */
export function withConsequence(problems: readonly Problem[], pages: readonly string[] | undefined): Problem[] {
  const [first, ...rest] = problems;
  if (!first || !pages?.length) return [...problems];
  const counts = new Map<string, number>();
  for (const page of pages) counts.set(page, (counts.get(page) ?? 0) + 1);
  const where = [...counts].map(([page, count]) => `${page} (${count})`).join(', ');
  return [{ ...first, consequence: `this left ${pages.length} block${pages.length === 1 ? '' : 's'} unverified: ${where}` }, ...rest];
}

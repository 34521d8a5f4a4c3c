import { availableParallelism } from 'node:os';

/** Maps `items` through `task` with at most `concurrency` tasks running at once, keeping order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  concurrency: number = availableParallelism(),
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

import { createTwoFilesPatch } from 'diff';

/** A unified diff from the page on disk to the page the examples produce, named after the page. */
export function pageDiff(file: string, current: string, updated: string): string {
  return createTwoFilesPatch(`${file} (on disk)`, `${file} (from the examples)`, current, updated, undefined, undefined, { context: 3 });
}

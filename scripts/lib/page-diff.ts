import { createTwoFilesPatch, structuredPatch } from 'diff';

/** A unified diff from the page on disk to the page the examples produce, named after the page. */
export function pageDiff(file: string, current: string, updated: string): string {
  return createTwoFilesPatch(`${file} (on disk)`, `${file} (from the examples)`, current, updated, undefined, undefined, { context: 3 });
}

/**
 * The places of a page that differ from what the examples produce, one line each:
 * `page:line: [dialect] differs`, the dialect being the section of a per-dialect body the
 * line stands in (`@dialect postgres`), or none for a body every dialect shares.
 */
export function differingPlaces(file: string, current: string, updated: string): string[] {
  const lines = current.split('\n');
  const places: string[] = [];
  for (const hunk of structuredPatch(file, file, current, updated, undefined, undefined, { context: 0 }).hunks) {
    // The first line of the page on disk that the hunk changes (or, for a pure insertion, the line it follows).
    const line = Math.max(1, hunk.oldStart);
    const dialect = dialectAt(lines, line - 1);
    places.push(`${file}:${line}: ${dialect ? `[${dialect}] ` : ''}differs from what the examples produce`);
  }
  return places;
}

/** The dialect whose section holds line `index` (0-based) of a page, looking back to the block's opening tag. */
function dialectAt(lines: readonly string[], index: number): string | undefined {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const text = lines[i] ?? '';
    const marker = /^@dialect ([a-z0-9]+)$/.exec(text);
    if (marker) return marker[1];
    if (text.startsWith('{{<')) return undefined;
  }
  return undefined;
}

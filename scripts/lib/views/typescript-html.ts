/**
 * Renders a region of a TypeScript example as the HTML of its `<code>` element, from what
 * the type-check learnt about the file (example-types.ts): tokens with the theme's
 * classes, errors declared with `@ts-expect-error` underlined with TypeScript's message
 * beneath, and, in the `types` view, the answer to each `// ^?` under the line it asks
 * about. Annotations are `<span class="ann">` elements, which copy buttons leave out.
 *
 * The hover types follow the code in an HTML comment, `<!--types {...}-->`: offsets into
 * the code's text with the index of a type, then the types, one a line (so that a
 * changed type reads as a one-line diff). The theme publishes them as a file that the
 * page loads on the reader's first interaction with a block. Pure: no I/O.
 */
import { EXPECT_ERROR_LINE, QUERY_LINE, type ExampleTypes } from '../example-types.ts';
import { splitLines, type Region } from '../regions.ts';

export interface TypeScriptHtmlInput {
  source: string;
  /** The region shown; undefined for the whole file. */
  region: Region | undefined;
  types: ExampleTypes;
  /** Show the answers to `// ^?` queries (the `types` view). */
  queries: boolean;
}

/** The marker that starts the hover data after the code; the theme splits the body there. */
export const TYPES_MARKER = '\n<!--types ';

const REGION_MARKER = /^\s*\/\/\s*#(end)?region\b/;

/** The block's body (its `<code>` element, then its hover data) and the text a reader sees of it. */
export function renderTypeScriptHtml({ source, region, types, queries }: TypeScriptHtmlInput): { html: string; shown: string } {
  const all = splitLines(source);
  const first = region ? region.startLine + 1 : 1;
  const last = region ? region.endLine - 1 : all.length;
  // Each line shown, with the annotations that follow it: `^?` lines and directives are hidden.
  let shown: Array<{ number: number; text: string; notes: Note[] }> = [];
  for (let number = first; number <= last; number++) {
    const text = all[number - 1] ?? '';
    if (REGION_MARKER.test(text) || EXPECT_ERROR_LINE.test(text)) continue;
    if (QUERY_LINE.test(text)) {
      const answer = types.queries.find((query) => query.line === number);
      if (queries && answer) shown.at(-1)?.notes.push({ kind: 'query', column: answer.column, text: answer.text });
      continue;
    }
    const notes: Note[] = types.errors.filter((error) => error.line === number).map((error) => ({ kind: 'error', column: 0, text: `TS${error.code}: ${error.message}` }));
    shown.push({ number, text, notes });
  }
  while (shown.length > 0 && shown[0]?.text.trim() === '') shown = shown.slice(1);
  while (shown.length > 0 && shown.at(-1)?.text.trim() === '') shown = shown.slice(0, -1);
  const indent = Math.min(...shown.filter((line) => line.text.trim() !== '').map((line) => /^[ \t]*/.exec(line.text)?.[0].length ?? 0), Infinity);
  const cut = Number.isFinite(indent) ? indent : 0;

  const html: string[] = [];
  const shownText: string[] = [];
  const at: Array<[number, number, number]> = [];
  const table = new Map<string, number>();
  let offset = 0;
  for (const line of shown) {
    const end = line.text.trimEnd().length;
    const errors = types.errors.filter((error) => error.line === line.number).map((error) => [error.column, error.column + Math.max(error.length, 1)] as const);
    html.push(lineHtml(line.text, types.tokens[line.number] ?? [[line.text.length, '']], cut, end, errors) + line.notes.map((note) => noteHtml(note, cut)).join(''));
    shownText.push(line.text.slice(cut, end), ...line.notes.flatMap((note) => noteLines(note, cut)));
    for (const [hoverLine, column, length, text] of types.hovers) {
      if (hoverLine !== line.number || column < cut || column + length > end) continue;
      let index = table.get(text);
      if (index === undefined) table.set(text, (index = table.size));
      at.push([offset + column - cut, length, index]);
    }
    offset += Math.max(end - cut, 0) + 1;
  }
  const code = `<code>${html.join('\n')}</code>`;
  const text = shownText.join('\n');
  if (at.length === 0) return { html: code, shown: text };
  const list = [...table.keys()].map((text) => JSON.stringify(text).replaceAll('-->', '--\\u003e'));
  return { html: `${code}${TYPES_MARKER}{"at":${JSON.stringify(at)},"types":[\n${list.join(',\n')}\n]}-->`, shown: text };
}

interface Note {
  kind: 'query' | 'error';
  /** The column of the source line the note points at. */
  column: number;
  text: string;
}

/**
 * One line's tokens from column `cut` to `end`, with declared errors underlined. A token
 * is a `<b>` (text drawn apart for a utilitarian purpose; the theme resets its weight),
 * shorter than a `<span>`, and a keyword a bare `<b>`: pages stay within their budget.
 */
function lineHtml(text: string, runs: ReadonlyArray<readonly [number, string]>, cut: number, end: number, errors: ReadonlyArray<readonly [number, number]>): string {
  const bounds = new Set<number>([cut, end]);
  let column = 0;
  for (const [length] of runs) bounds.add((column += length));
  for (const [from, to] of errors) bounds.add(from).add(to);
  const points = [...bounds].filter((point) => point >= cut && point <= end).sort((a, b) => a - b);
  const classAt = (point: number): string => {
    let start = 0;
    for (const [length, className] of runs) {
      if (point < start + length) return className;
      start += length;
    }
    return '';
  };
  let html = '';
  let open = '';
  let pending = '';
  const flush = (): void => {
    html += pending && open ? token(open, pending) : pending;
    pending = '';
  };
  for (let index = 0; index < points.length - 1; index++) {
    const from = points[index] ?? 0;
    const to = points[index + 1] ?? 0;
    const underlined = errors.some(([start, stop]) => from >= start && to <= stop);
    const classes = [classAt(from), underlined ? 'err' : ''].filter(Boolean).join(' ');
    if (classes !== open) {
      flush();
      open = classes;
    }
    pending += escapeHtml(text.slice(from, to));
  }
  flush();
  return html;
}

/** A token's element: a bare `<b>` for a keyword, the commonest; `<b class>` for others; a `<span>` for underlined plain text. */
function token(classes: string, html: string): string {
  const names = classes.split(' ');
  const rest = names.filter((name) => name !== 'k').join(' ');
  if (names.includes('k')) return rest ? `<b class="${rest}">${html}</b>` : `<b>${html}</b>`;
  return rest === 'err' ? `<span class="err">${html}</span>` : `<b class="${rest}">${html}</b>`;
}

/** A note under a line: a new line of its own (`&#10;`, so that the theme's line splitting never cuts it), never copied. */
function noteHtml(note: Note, cut: number): string {
  const pad = notePad(note, cut);
  const lines = noteLines(note, cut).map((text) => text.slice(pad.length));
  return `<span class="ann${note.kind === 'error' ? ' e' : ''}">${lines.map((text) => `&#10;<span>${pad}<i>${escapeHtml(text)}</i></span>`).join('')}</span>`;
}

/** The lines of a note as the reader sees them: an answer's caret under the column it asks about. */
function noteLines(note: Note, cut: number): string[] {
  const pad = notePad(note, cut);
  return note.text.split('\n').map((text, index) => `${pad}${index === 0 ? (note.kind === 'query' ? '^ ' : '') : '  '}${text}`);
}

function notePad(note: Note, cut: number): string {
  return ' '.repeat(note.kind === 'query' ? Math.max(note.column - cut, 0) : 0);
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

import type { Problem } from './problem.ts';

/** A named region of an example, between `// #region name` and `// #endregion`. */
export interface Region {
  name: string;
  /**
   * Declared with `// #region name throws`: the region must end the program with an error,
   * on every dialect; or with `throws:postgres,mariadb`, on those dialects only.
   */
  throws: boolean | string[];
  /** 1-based line of the `#region` marker. */
  startLine: number;
  /** 1-based line of the `#endregion` marker. */
  endLine: number;
}

export interface ParsedExample {
  regions: Region[];
  problems: Problem[];
}

const REGION_START = /^(\s*)\/\/\s*#region\b(.*)$/;
const REGION_END = /^(\s*)\/\/\s*#endregion\b.*$/;
const REGION_NAME = /^[A-Za-z0-9][\w-]*$/;
const THROWS_FLAG = /^throws(?::([a-z0-9]+(?:,[a-z0-9]+)*))?$/;

/** Finds the named regions of an example and reports malformed markers with their lines. */
export function parseRegions(source: string, file: string): ParsedExample {
  const regions: Region[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  let open: { name: string; throws: boolean | string[]; line: number } | undefined;

  splitLines(source).forEach((text, index) => {
    const line = index + 1;
    const start = REGION_START.exec(text);
    if (start) {
      const words = (start[2] ?? '').trim().split(/\s+/).filter(Boolean);
      const [name, ...flags] = words;
      if (name === undefined || !REGION_NAME.test(name)) {
        problems.push({ rule: 'region-syntax', file, line, message: 'a `#region` marker needs a name made of letters, digits, `-` or `_`' });
        return;
      }
      const unknownFlags = flags.filter((flag) => !THROWS_FLAG.test(flag));
      if (unknownFlags.length > 0) {
        problems.push({ rule: 'region-syntax', file, line, message: `unknown region flag \`${unknownFlags.join(' ')}\` (the only flag is \`throws\`, or \`throws:<dialect>,<dialect>\` for some dialects only)` });
      }
      if (open) {
        problems.push({ rule: 'region-syntax', file, line, message: `region \`${name}\` starts inside region \`${open.name}\` (line ${open.line}); regions cannot nest` });
        return;
      }
      const firstLine = seen.get(name);
      if (firstLine !== undefined) {
        problems.push({ rule: 'region-syntax', file, line, message: `region \`${name}\` is declared twice (first at line ${firstLine})` });
      } else {
        seen.set(name, line);
      }
      const throwsFlag = flags.map((flag) => THROWS_FLAG.exec(flag)).find(Boolean);
      open = { name, throws: throwsFlag ? (throwsFlag[1] ? throwsFlag[1].split(',') : true) : false, line };
      return;
    }
    if (REGION_END.test(text)) {
      if (!open) {
        problems.push({ rule: 'region-syntax', file, line, message: '`#endregion` without a matching `#region`' });
        return;
      }
      if (seen.get(open.name) === open.line) {
        regions.push({ name: open.name, throws: open.throws, startLine: open.line, endLine: line });
      }
      open = undefined;
    }
  });

  if (open) {
    problems.push({ rule: 'region-syntax', file, line: open.line, message: `region \`${open.name}\` is never closed with \`// #endregion\`` });
  }
  return { regions, problems };
}

/** Returns the code a page shows for a region (or the whole file): marker lines removed, dedented. */
export function regionCode(source: string, region?: Region): string {
  const lines = splitLines(source);
  const selected = region ? lines.slice(region.startLine, region.endLine - 1) : lines;
  const code = selected.filter((text) => !REGION_START.test(text) && !REGION_END.test(text));
  return dedent(trimBlankLines(code)).join('\n');
}

/**
 * Rewrites an example so each region marker also reports itself to the capture runtime.
 * The call is put on the marker's own line, so every other line keeps its number.
 */
export function instrumentRegions(source: string, regions: readonly Region[]): string {
  const lines = splitLines(source);
  for (const region of regions) {
    const call = (statement: string, index: number): void => {
      const text = lines[index] ?? '';
      const indent = /^\s*/.exec(text)?.[0] ?? '';
      lines[index] = `${indent}${statement} ${text.slice(indent.length)}`;
    };
    call(`await globalThis.__docsCapture?.enter(${JSON.stringify(region.name)});`, region.startLine - 1);
    call(`await globalThis.__docsCapture?.exit(${JSON.stringify(region.name)});`, region.endLine - 1);
  }
  return lines.join('\n');
}

/** Splits text into lines, accepting both LF and CRLF. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

function trimBlankLines(lines: string[]): string[] {
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first]?.trim() === '') first++;
  while (last > first && lines[last - 1]?.trim() === '') last--;
  return lines.slice(first, last);
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((text) => text.trim() !== '').map((text) => /^[ \t]*/.exec(text)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((text) => text.slice(common).trimEnd());
}

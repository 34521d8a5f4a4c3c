/**
 * Runs in a worker thread: type-checks the given examples with the repository's
 * tsconfig.json (the settings of `npm run typecheck`) and posts back the diagnostics that
 * fall in code/, and what the pages show of each example's types (example-types.ts). A
 * thread of its own, so the example processes keep running meanwhile.
 *
 * An error a page shows on purpose is declared in the example with
 * `// @ts-expect-error TS2353` on the line before: tsc then passes, and here the directive
 * is read as a plain comment, so TypeScript reports the real error, which must carry
 * exactly the declared codes.
 */
import { join, relative, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import ts from 'typescript';
import { declaredCodes, EXPECT_ERROR_LINE, QUERY_LINE, type ExampleTypes } from './example-types.ts';

export interface TypecheckInput {
  root: string;
  /** Repository-relative paths of the examples. */
  files: string[];
  /** Per example, the lines pages show (1-based, first and last): only those are highlighted and given hovers. */
  shown: Record<string, Array<[first: number, last: number]>>;
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface TypecheckOutput {
  diagnostics: Diagnostic[];
  /** Per example of `files`, what its pages can show of its types. */
  types: Record<string, ExampleTypes>;
}

const { root, files, shown } = workerData as TypecheckInput;
const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const examplesDir = join(root, 'code') + sep;
const directives = new Map<string, Map<number, number[]>>();

const registry = ts.createDocumentRegistry();
const diagnostics = new Map<string, Diagnostic>();
const report = (diagnostic: Diagnostic): void => {
  diagnostics.set(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`, diagnostic);
};

// What TypeScript prints of a type can depend on what it resolved before (which example
// came first, which names were asked about): each example is checked in a program of its
// own, in full, before any name is asked about, so that a page shows the same types
// whatever else is built or shown (test/types.test.ts checks it). The programs share
// their parsed files.
const types: Record<string, ExampleTypes> = {};
for (const file of files) {
  const service = languageService([join(root, file)]);
  const program = service.getProgram();
  const source = program?.getSourceFile(join(root, file));
  if (!program || !source) throw new Error(`TypeScript made no program of ${file}`);
  const found = ts.getPreEmitDiagnostics(program);
  for (const diagnostic of checkDirectives(program, found)) report(diagnostic);
  const original = ts.sys.readFile(join(root, file)) ?? '';
  const ranges = shown[file] ?? [];
  types[file] = {
    tokens: await tokens(original, ranges),
    queries: queries(service, source, original, file),
    hovers: hovers(service, source, ranges),
    errors: declaredErrors(source, found.filter((diagnostic) => diagnostic.file === source)),
  };
  // Not disposed: that would drop the parsed files the next example's program reuses; its
  // checker goes with the garbage.
}

parentPort?.postMessage({ diagnostics: [...diagnostics.values()], types } satisfies TypecheckOutput);

/** A language service over the given files, with the repository's settings; `@ts-expect-error` directives in code/ read as plain comments. */
function languageService(files: string[]): ts.LanguageService {
  return ts.createLanguageService(
    {
      getScriptFileNames: () => files,
      // Nothing changes while the thread lives: one version spares TypeScript re-checking the program on every query.
      getProjectVersion: () => '1',
      getScriptVersion: () => '1',
      getScriptSnapshot(fileName) {
        const text = ts.sys.readFile(fileName);
        if (text === undefined) return undefined;
        // The directive becomes a plain comment of the same length: positions do not move.
        return ts.ScriptSnapshot.fromString(fileName.startsWith(examplesDir) ? text.replace(/^(\s*\/\/\s*)@(ts-expect-error\b)/gm, '$1 $2') : text);
      },
      getCurrentDirectory: () => root,
      getCompilationSettings: () => ({ ...options, noEmit: true }),
      getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
    },
    registry,
  );
}

/**
 * Reports the errors in code/ that no directive covers, and every directive whose errors
 * are not exactly the codes it declares.
 */
function checkDirectives(program: ts.Program, found: readonly ts.Diagnostic[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const covered = new Map<ts.SourceFile, Map<number, ts.Diagnostic[]>>();
  for (const diagnostic of found) {
    if (!diagnostic.file || diagnostic.start === undefined) continue;
    const file = repositoryPath(diagnostic.file.fileName);
    if (!file.startsWith('code/')) continue;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const directive = directiveAbove(diagnostic.file, line);
    if (directive === undefined) {
      problems.push({ file, line: line + 1, column: character + 1, message: `TS${diagnostic.code}: ${messageText(diagnostic)}` });
      continue;
    }
    const lines = covered.get(diagnostic.file) ?? new Map<number, ts.Diagnostic[]>();
    lines.set(directive, [...(lines.get(directive) ?? []), diagnostic]);
    covered.set(diagnostic.file, lines);
  }
  const list = (numbers: number[]): string => numbers.map((code) => `TS${code}`).join(', ');
  for (const source of program.getSourceFiles()) {
    const file = repositoryPath(source.fileName);
    if (!file.startsWith('code/')) continue;
    for (const [line, codes] of directivesOf(source)) {
      const errors = covered.get(source)?.get(line) ?? [];
      const at = { file, line: line + 1, column: 1 };
      const actual = [...new Set(errors.map((diagnostic) => diagnostic.code))].sort((a, b) => a - b);
      const expected = [...new Set(codes)].sort((a, b) => a - b);
      if (expected.length === 0) {
        const reported = actual.length > 0 ? `; TypeScript reports ${list(actual)} there` : '';
        problems.push({ ...at, message: `\`@ts-expect-error\` must name the errors it expects, e.g. \`// @ts-expect-error TS2322\`${reported}` });
      } else if (actual.length === 0) {
        problems.push({ ...at, message: `\`@ts-expect-error\` declares ${list(expected)}, but the line after it compiles` });
      } else if (actual.join() !== expected.join()) {
        const detail = errors.map((diagnostic) => `TS${diagnostic.code}: ${messageText(diagnostic)}`).join('; ');
        problems.push({ ...at, message: `\`@ts-expect-error\` declares ${list(expected)}, but TypeScript reports ${detail}` });
      }
    }
  }
  return problems;
}

/** Highlights the lines shown, one range at a time: a region starts at the top level of the file, so it reads alone as within the file. */
async function tokens(source: string, ranges: ReadonlyArray<readonly [number, number]>): Promise<ExampleTypes['tokens']> {
  const found: ExampleTypes['tokens'] = {};
  if (ranges.length === 0) return found;
  const { tokenClasses } = await import('./token-classes.ts');
  const lines = source.split(/\r?\n/);
  for (const [first, last] of ranges) {
    const runs = await tokenClasses(lines.slice(first - 1, last).join('\n'));
    runs.forEach((line, index) => (found[first + index] = line));
  }
  return found;
}

/** The errors of a file that a `@ts-expect-error` directive covers: those its pages show. */
function declaredErrors(source: ts.SourceFile, found: readonly ts.Diagnostic[]): ExampleTypes['errors'] {
  return found
    .filter((diagnostic) => diagnostic.start !== undefined && directiveAbove(source, source.getLineAndCharacterOfPosition(diagnostic.start).line) !== undefined)
    .map((diagnostic) => {
      const start = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return { line: start.line + 1, column: start.character, length: diagnostic.length ?? 0, code: diagnostic.code, message: messageText(diagnostic) };
    });
}

function repositoryPath(fileName: string): string {
  return relative(root, fileName).split(sep).join('/');
}

function messageText(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
}

/** The `@ts-expect-error` lines of a file (0-based), with the codes each declares. */
function directivesOf(source: ts.SourceFile): Map<number, number[]> {
  let found = directives.get(source.fileName);
  if (!found) {
    found = new Map();
    const lines = (ts.sys.readFile(source.fileName) ?? '').split(/\r?\n/);
    for (const [index, text] of lines.entries()) {
      const match = EXPECT_ERROR_LINE.exec(text);
      if (match) found.set(index, declaredCodes(match[1] ?? ''));
    }
    directives.set(source.fileName, found);
  }
  return found;
}

/** The directive line that covers an error on `line`, as TypeScript finds it: above, past blank and comment lines. */
function directiveAbove(source: ts.SourceFile, line: number): number | undefined {
  const found = directivesOf(source);
  const starts = source.getLineStarts();
  for (let above = line - 1; above >= 0; above--) {
    if (found.has(above)) return above;
    const text = source.text.slice(starts[above], starts[above + 1] ?? source.text.length).trim();
    if (text !== '' && !text.startsWith('//')) return undefined;
  }
  return undefined;
}

/** What the editor shows on hovering each identifier of the given lines (1-based, first and last), in order. */
function hovers(service: ts.LanguageService, source: ts.SourceFile, ranges: ReadonlyArray<readonly [number, number]>): ExampleTypes['hovers'] {
  const found: ExampleTypes['hovers'] = [];
  const starts = source.getLineStarts();
  const spans = ranges.map(([first, last]) => [starts[first - 1] ?? source.text.length, starts[last] ?? source.text.length] as const);
  const inside = (from: number, to: number): boolean => spans.some(([start, end]) => from < end && to > start);
  const visit = (node: ts.Node): void => {
    if (!inside(node.pos, node.end)) return;
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      const start = node.getStart(source);
      if (!inside(start, start + 1)) return;
      const info = service.getQuickInfoAtPosition(source.fileName, start);
      const text = info ? ts.displayPartsToString(info.displayParts) : '';
      if (text) {
        const { line, character } = source.getLineAndCharacterOfPosition(start);
        found.push([line + 1, character, node.getWidth(source), text]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Answers each `// ^?` comment with the type of what its caret points at on the nearest code line above. */
function queries(service: ts.LanguageService, source: ts.SourceFile, original: string, file: string): ExampleTypes['queries'] {
  const lines = original.split(/\r?\n/);
  const answers: ExampleTypes['queries'] = [];
  for (const [index, text] of lines.entries()) {
    if (!QUERY_LINE.test(text)) continue;
    const column = text.indexOf('^');
    let target = index - 1;
    while (target >= 0 && QUERY_LINE.test(lines[target] ?? '')) target--;
    const targetText = lines[target] ?? '';
    const info = target >= 0 && column < targetText.length ? service.getQuickInfoAtPosition(source.fileName, source.getPositionOfLineAndCharacter(target, column)) : undefined;
    if (!info) {
      report({ file, line: index + 1, column: column + 1, message: '`// ^?` points at nothing TypeScript gives a type: put the caret under a name on the line above' });
      continue;
    }
    answers.push({ line: index + 1, column, text: ts.displayPartsToString(info.displayParts) });
  }
  return answers;
}

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
const rootNames = files.map((file) => join(root, file));

const service = ts.createLanguageService({
  getScriptFileNames: () => rootNames,
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
});
const program = service.getProgram();
if (!program) throw new Error('TypeScript made no program of the examples');

const diagnostics: Diagnostic[] = [];
const declared = new Map<string, ExampleTypes['errors']>();
const directives = new Map<string, Map<number, { codes: number[]; found: ts.Diagnostic[] }>>();

for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  if (!diagnostic.file || diagnostic.start === undefined) continue;
  const file = repositoryPath(diagnostic.file.fileName);
  if (!file.startsWith('code/')) continue;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const directive = directiveAbove(diagnostic.file, line);
  if (directive !== undefined) {
    directivesOf(diagnostic.file).get(directive)?.found.push(diagnostic);
    continue;
  }
  diagnostics.push({ file, line: line + 1, column: character + 1, message: `TS${diagnostic.code}: ${messageText(diagnostic)}` });
}

// Every directive in the checked files: the errors under it must be exactly the declared ones.
for (const source of program.getSourceFiles()) {
  const file = repositoryPath(source.fileName);
  if (!file.startsWith('code/')) continue;
  for (const [line, { codes, found }] of directivesOf(source)) {
    const at = { file, line: line + 1, column: 1 };
    const actual = [...new Set(found.map((diagnostic) => diagnostic.code))].sort((a, b) => a - b);
    const expected = [...new Set(codes)].sort((a, b) => a - b);
    const list = (numbers: number[]): string => numbers.map((code) => `TS${code}`).join(', ');
    if (expected.length === 0) {
      const reported = actual.length > 0 ? `; TypeScript reports ${list(actual)} there` : '';
      diagnostics.push({ ...at, message: `\`@ts-expect-error\` must name the errors it expects, e.g. \`// @ts-expect-error TS2322\`${reported}` });
    } else if (actual.length === 0) {
      diagnostics.push({ ...at, message: `\`@ts-expect-error\` declares ${list(expected)}, but the line after it compiles` });
    } else if (actual.join() !== expected.join()) {
      const detail = found.map((diagnostic) => `TS${diagnostic.code}: ${messageText(diagnostic)}`).join('; ');
      diagnostics.push({ ...at, message: `\`@ts-expect-error\` declares ${list(expected)}, but TypeScript reports ${detail}` });
    } else {
      const errors = declared.get(file) ?? [];
      for (const diagnostic of found) {
        const start = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        errors.push({ line: start.line + 1, column: start.character, length: diagnostic.length ?? 0, code: diagnostic.code, message: messageText(diagnostic) });
      }
      declared.set(file, errors);
    }
  }
}

const types: Record<string, ExampleTypes> = {};
const { tokenClasses } = await import('./token-classes.ts');
for (const file of files) {
  const source = program.getSourceFile(join(root, file));
  if (!source) continue;
  const original = ts.sys.readFile(join(root, file)) ?? '';
  const lines = original.split(/\r?\n/);
  const tokens: ExampleTypes['tokens'] = {};
  const found: ExampleTypes['hovers'] = [];
  // A region starts at the top level of the file, so it is highlighted alone as within the file.
  for (const [first, last] of shown[file] ?? []) {
    const runs = await tokenClasses(lines.slice(first - 1, last).join('\n'));
    runs.forEach((line, index) => (tokens[first + index] = line));
    found.push(...hovers(source, first, last));
  }
  types[file] = { tokens, hovers: found, queries: queries(source, original, file), errors: declared.get(file) ?? [] };
}

parentPort?.postMessage({ diagnostics, types } satisfies TypecheckOutput);

function repositoryPath(fileName: string): string {
  return relative(root, fileName).split(sep).join('/');
}

function messageText(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
}

/** The `@ts-expect-error` lines of a file (0-based), with the codes each declares and, later, the errors found under it. */
function directivesOf(source: ts.SourceFile): Map<number, { codes: number[]; found: ts.Diagnostic[] }> {
  let found = directives.get(source.fileName);
  if (!found) {
    found = new Map();
    const lines = (ts.sys.readFile(source.fileName) ?? '').split(/\r?\n/);
    for (const [index, text] of lines.entries()) {
      const match = EXPECT_ERROR_LINE.exec(text);
      if (match) found.set(index, { codes: declaredCodes(match[1] ?? ''), found: [] });
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

/** What the editor shows on hovering each identifier on lines `first` to `last` (1-based). */
function hovers(source: ts.SourceFile, first: number, last: number): ExampleTypes['hovers'] {
  const found: ExampleTypes['hovers'] = [];
  const starts = source.getLineStarts();
  const from = starts[first - 1] ?? source.text.length;
  const to = starts[last] ?? source.text.length;
  const visit = (node: ts.Node): void => {
    if (node.end < from || node.pos > to) return;
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      const start = node.getStart(source);
      if (start < from || start >= to) return;
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
function queries(source: ts.SourceFile, original: string, file: string): ExampleTypes['queries'] {
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
      diagnostics.push({ file, line: index + 1, column: column + 1, message: '`// ^?` points at nothing TypeScript gives a type: put the caret under a name on the line above' });
      continue;
    }
    answers.push({ line: index + 1, column, text: ts.displayPartsToString(info.displayParts) });
  }
  return answers;
}

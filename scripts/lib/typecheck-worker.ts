/**
 * Runs in a worker thread: type-checks the given examples with the repository's
 * tsconfig.json (the settings of `npm run typecheck`) and posts back the diagnostics that
 * fall in code/. A thread of its own, so the example processes keep running meanwhile.
 */
import { join, relative, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import ts from 'typescript';

export interface TypecheckInput {
  root: string;
  /** Repository-relative paths of the examples. */
  files: string[];
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

const { root, files } = workerData as TypecheckInput;
const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const program = ts.createProgram({ rootNames: files.map((file) => join(root, file)), options: { ...options, noEmit: true } });
const diagnostics: Diagnostic[] = [];
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  if (!diagnostic.file || diagnostic.start === undefined) continue;
  const file = relative(root, diagnostic.file.fileName).split(sep).join('/');
  if (!file.startsWith('code/')) continue;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  diagnostics.push({ file, line: line + 1, column: character + 1, message: `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}` });
}
parentPort?.postMessage(diagnostics);

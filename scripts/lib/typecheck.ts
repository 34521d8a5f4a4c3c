import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExampleInputs } from './compile-example.ts';
import type { Problem } from './problem.ts';
import type { Session } from './session.ts';
import { cacheKey, sha256 } from './store.ts';
import type { Diagnostic, TypecheckInput } from './typecheck-worker.ts';

/**
 * Type-checks the examples a build runs, as `npm run typecheck` does, so code that does
 * not compile never reaches a page. Each example's result is stored under its inputs, the
 * lockfile (TypeScript and the packages' types) and tsconfig.json: a build with nothing
 * changed loads no TypeScript at all. Without a tsconfig.json in the root, nothing is checked.
 */
export async function typeCheck(session: Session, examples: ReadonlyArray<{ file: string; inputs: ExampleInputs }>): Promise<Problem[]> {
  const tsconfig = join(session.root, 'tsconfig.json');
  if (examples.length === 0 || !existsSync(tsconfig)) return [];
  const settings = sha256(await readFile(tsconfig));
  const { runner } = await session.fingerprints();
  const shelf = session.store.shelf<Diagnostic[]>('types');
  const keyed = examples.map((example) => ({
    ...example,
    key: cacheKey('types', runner, settings, ...example.inputs.files.map((file) => `${file} ${sha256(example.inputs.contents.get(file) ?? '')}`)),
  }));
  const results = await Promise.all(keyed.map(async (example) => ({ ...example, stored: await shelf.get(example.key) })));
  const missing = results.filter((example) => example.stored === undefined);
  const fresh = missing.length > 0 ? await checkInWorker({ root: session.root, files: missing.map((example) => example.file) }) : [];
  const diagnostics = new Map<string, Diagnostic>();
  for (const example of results) {
    const own = example.stored ?? fresh.filter((diagnostic) => example.inputs.files.includes(diagnostic.file));
    if (example.stored === undefined) await shelf.set(example.key, own);
    for (const diagnostic of own) diagnostics.set(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`, diagnostic);
  }
  return [...diagnostics.values()].map((diagnostic) => ({ rule: 'type-error', ...diagnostic }));
}

function checkInWorker(input: TypecheckInput): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    // Loader hooks do not reach worker threads in Node.js 20: the thread registers tsx itself
    // before it loads the worker's TypeScript source.
    const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./typecheck-worker.ts', import.meta.url).href);
    const bootstrap = `import(${api}).then(({ register }) => { register(); return import(${entry}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: input });
    worker.once('message', (diagnostics: Diagnostic[]) => resolve(diagnostics));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the type-checking thread exited with code ${code}`));
    });
  });
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExampleInputs } from './compile-example.ts';
import type { ExampleTypes } from './example-types.ts';
import type { Problem } from './problem.ts';
import type { Session } from './session.ts';
import { cacheKey, sha256 } from './store.ts';
import type { Diagnostic, TypecheckInput, TypecheckOutput } from './typecheck-worker.ts';

export interface CheckedExample {
  file: string;
  inputs: ExampleInputs;
  /** The lines pages show (1-based, first and last), which get highlighting and hovers. */
  shown: ReadonlyArray<[first: number, last: number]>;
}

export interface TypeCheckResult {
  problems: Problem[];
  /** Per example (`code/x.ts`), what the pages show of its types; empty without a tsconfig.json. */
  types: Map<string, ExampleTypes>;
}

/**
 * Type-checks the examples a build runs, as `npm run typecheck` does, so code that does
 * not compile never reaches a page, and learns what the pages show of their types. Each
 * example's results are stored under its inputs, the lockfile (TypeScript and the
 * packages' types) and tsconfig.json (what the pages show also under the build's own
 * code): a build with nothing changed loads no TypeScript at all. Without a tsconfig.json
 * in the root, nothing is checked.
 */
export async function typeCheck(session: Session, examples: readonly CheckedExample[]): Promise<TypeCheckResult> {
  const tsconfig = join(session.root, 'tsconfig.json');
  if (examples.length === 0 || !existsSync(tsconfig)) return { problems: [], types: new Map() };
  const settings = sha256(await readFile(tsconfig));
  const { runner, renderers } = await session.fingerprints();
  const diagnosticsShelf = session.store.shelf<Diagnostic[]>('types');
  const typesShelf = session.store.shelf<ExampleTypes>('annotations');
  const keyed = examples.map((example) => {
    const inputs = example.inputs.files.map((file) => `${file} ${sha256(example.inputs.contents.get(file) ?? '')}`);
    return { ...example, key: cacheKey('types', runner, settings, ...inputs), typesKey: cacheKey('annotations', renderers, settings, JSON.stringify(example.shown), ...inputs) };
  });
  const results = await Promise.all(
    keyed.map(async (example) => ({ ...example, stored: await diagnosticsShelf.get(example.key), storedTypes: await typesShelf.get(example.typesKey) })),
  );
  const missing = results.filter((example) => example.stored === undefined || example.storedTypes === undefined);
  const fresh: TypecheckOutput =
    missing.length > 0
      ? await checkInWorker({
          root: session.root,
          files: missing.map((example) => example.file),
          shown: Object.fromEntries(missing.map((example) => [example.file, [...example.shown]])),
        })
      : { diagnostics: [], types: {} };
  const diagnostics = new Map<string, Diagnostic>();
  const types = new Map<string, ExampleTypes>();
  for (const example of results) {
    const own = example.stored ?? fresh.diagnostics.filter((diagnostic) => example.inputs.files.includes(diagnostic.file));
    if (example.stored === undefined) await diagnosticsShelf.set(example.key, own);
    const exampleTypes = example.storedTypes ?? fresh.types[example.file];
    if (exampleTypes && example.storedTypes === undefined) await typesShelf.set(example.typesKey, exampleTypes);
    if (exampleTypes) types.set(example.file, exampleTypes);
    for (const diagnostic of own) diagnostics.set(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`, diagnostic);
  }
  return { problems: [...diagnostics.values()].map((diagnostic) => ({ rule: 'type-error', ...diagnostic })), types };
}

function checkInWorker(input: TypecheckInput): Promise<TypecheckOutput> {
  return new Promise((resolve, reject) => {
    // Loader hooks do not reach worker threads in Node.js 20: the thread registers tsx itself
    // before it loads the worker's TypeScript source.
    const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./typecheck-worker.ts', import.meta.url).href);
    const bootstrap = `import(${api}).then(({ register }) => { register(); return import(${entry}); })`;
    // Each example's program is garbage once its types are read; a bounded heap makes V8
    // collect it soon (everything alive at once needs under 200 MB), keeping a cold build's memory low.
    const worker = new Worker(bootstrap, { eval: true, workerData: input, resourceLimits: { maxOldGenerationSizeMb: 300 } });
    worker.once('message', (output: TypecheckOutput) => resolve(output));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the type-checking thread exited with code ${code}`));
    });
  });
}

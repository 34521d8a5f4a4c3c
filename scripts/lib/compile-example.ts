import { readFile } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from 'esbuild';
import type { Problem } from './problem.ts';
import { instrumentRegions, type Region } from './regions.ts';

/** The local files an example loads, with their contents: everything its output can depend on in code/. */
export interface ExampleInputs {
  /** Repository-relative paths, the example first, then the rest sorted. */
  files: string[];
  contents: Map<string, string>;
}

/**
 * Finds every local module the example imports, directly or through other modules, with
 * esbuild's resolver (the one tsx uses). Packages from node_modules are not followed;
 * the lockfile stands for them.
 */
export async function findInputs(root: string, file: string): Promise<ExampleInputs | { problems: Problem[] }> {
  let inputs: string[];
  try {
    // Loaded only when needed: a build whose examples all come from the cache never starts esbuild.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(root, file)],
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs).map((path) => path.split(sep).join('/'));
  } catch (error) {
    // esbuild names files relative to absWorkingDir, the repository root.
    return { problems: esbuildProblems(error, file, (name) => name.split(sep).join('/')) };
  }
  const rest = inputs.filter((path) => path !== file && !path.startsWith('node_modules/')).sort();
  const files = [file, ...rest];
  return { files, contents: await readContents(root, files) };
}

/**
 * Like `findInputs`, but first tries the files found last time: while none of them has
 * changed, the imports they contain (and so the files found) are the same.
 */
export async function findInputsCached(
  root: string,
  file: string,
  cache: { get(key: string): Promise<string[] | undefined>; set(key: string, files: string[]): Promise<void> },
  keyOf: (inputs: ExampleInputs) => string,
): Promise<ExampleInputs | { problems: Problem[] }> {
  const entry = await readFile(join(root, file), 'utf8').catch(() => undefined);
  if (entry !== undefined) {
    const entryKey = keyOf({ files: [file], contents: new Map([[file, entry]]) });
    const remembered = await cache.get(entryKey);
    if (remembered) {
      const contents = await readContents(root, remembered).catch(() => undefined);
      const inputs = contents && { files: remembered, contents };
      if (inputs && (await cache.get(keyOf(inputs)))) return inputs;
    }
    const found = await findInputs(root, file);
    if (!('problems' in found)) {
      await cache.set(entryKey, found.files);
      await cache.set(keyOf(found), found.files);
    }
    return found;
  }
  return findInputs(root, file);
}

async function readContents(root: string, files: readonly string[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(files.map(async (path) => [path, await readFile(join(root, path), 'utf8')] as const)));
}

/**
 * Compiles an example's modules to JavaScript the way tsx does (esbuild, ES modules, inline
 * source maps so stack traces name the original lines), the entry with its region markers
 * turned into capture calls. Returns the modules by file URL.
 */
export async function compileModules(
  root: string,
  inputs: ExampleInputs,
  regions: readonly Region[],
): Promise<{ modules: Record<string, string> } | { problems: Problem[] }> {
  const [entry] = inputs.files;
  const modules: Record<string, string> = {};
  let current = entry ?? '';
  const { transform } = await import('esbuild');
  try {
    for (const path of inputs.files) {
      current = path;
      const source = inputs.contents.get(path) ?? '';
      const loader = extname(path).replace('.', '').replace(/^[cm]/, '') as 'ts' | 'tsx' | 'js' | 'jsx' | 'json';
      const result = await transform(path === entry ? instrumentRegions(source, regions) : source, {
        loader,
        format: 'esm',
        target: 'node20',
        // The source map names the file beside the module, so stack traces point at it.
        sourcefile: basename(path),
        sourcemap: 'inline',
      });
      modules[pathToFileURL(join(root, path)).href] = result.code;
    }
  } catch (error) {
    return { problems: esbuildProblems(error, current, () => current) };
  }
  return { modules };
}

function esbuildProblems(error: unknown, file: string, fileOf: (esbuildName: string) => string): Problem[] {
  const errors = (error as { errors?: Message[] }).errors;
  if (!errors?.length) return [{ rule: 'compile-error', file, message: `could not compile: ${error instanceof Error ? error.message : String(error)}` }];
  return errors.map((message): Problem => ({
    rule: 'compile-error',
    file: message.location?.file ? fileOf(message.location.file) : file,
    ...(message.location ? { line: message.location.line, column: message.location.column + 1 } : {}),
    message: `could not compile: ${message.text}`,
  }));
}

import { readFile } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, transform, type Message } from 'esbuild';
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
  const contents = new Map(await Promise.all(files.map(async (path) => [path, await readFile(join(root, path), 'utf8')] as const)));
  return { files, contents };
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
  if (!errors?.length) return [{ file, message: `could not compile: ${error instanceof Error ? error.message : String(error)}` }];
  return errors.map((message) => ({
    file: message.location?.file ? fileOf(message.location.file) : file,
    ...(message.location ? { line: message.location.line, column: message.location.column + 1 } : {}),
    message: `could not compile: ${message.text}`,
  }));
}

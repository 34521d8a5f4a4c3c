/**
 * Tools on this machine: where an executable is, and what a tool prints when asked its
 * version (`hugo version`, `postgres --version`), remembered across commands under the
 * tool's path, size and modification time: a build with nothing to do then starts no
 * tool just to learn what it already knew. A tool that is replaced or upgraded has
 * another size or time, and is asked again.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

let file: string | undefined;
let remembered: Record<string, string> | undefined;

/** Keeps what tools print in `path` (the command line gives one under `.cache/`); without it, nothing is kept. */
export function rememberProbesIn(path: string): void {
  file = path;
  remembered = undefined;
}

/** The standard output of `binary args`, or undefined when it does not run (or fails). */
export function probe(binary: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = identity(binary, args, env);
  const known = key === undefined ? undefined : load()[key];
  if (known !== undefined) return known;
  let output: string;
  try {
    output = execFileSync(binary, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  if (key !== undefined) save(key, output);
  return output;
}

/** The tool's identity as a key (a bare name is looked up on the PATH, as the shell does); undefined when it is not found. */
function identity(binary: string, args: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const path = binary.includes('/') ? binary : findExecutable([binary], [], env);
  if (path === undefined) return undefined;
  try {
    const { size, mtimeMs } = statSync(path);
    return `${path} ${size} ${mtimeMs} ${args.join(' ')}`;
  } catch {
    return undefined;
  }
}

/** Finds an executable in the given folders, then on the PATH. */
export function findExecutable(names: string[], folders: string[], env: NodeJS.ProcessEnv): string | undefined {
  const path = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const folder of [...folders, ...path]) {
    for (const name of names) {
      const candidate = join(folder, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function load(): Record<string, string> {
  if (remembered) return remembered;
  remembered = {};
  if (file) {
    try {
      remembered = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      // Nothing kept yet, or a file from an interrupted write: ask the tools again.
    }
  }
  return remembered;
}

function save(key: string, output: string): void {
  const all = load();
  all[key] = output;
  if (!file) return;
  // Written beside and renamed, so that a command started at the same time reads a whole file.
  const temporary = `${file}.${process.pid}.tmp`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(temporary, file);
}

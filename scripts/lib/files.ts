import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** Lists the markdown pages under `dir`, as sorted paths relative to `root` with `/` separators. */
export async function listPages(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Folders and files the build, Hugo, git and npm write to themselves: neither sources nor the examples' business. */
export const BUILD_OUTPUTS: ReadonlySet<string> = new Set(['.git', '.cache', 'node_modules', 'public', 'resources', 'test-results', '.hugo_build.lock']);

/**
 * Every file under `dir` (paths relative to it, with `/`, sorted) with its size and
 * modification time, skipping entries named in `skipped` at any depth; a missing folder
 * has none. Enough to tell whether files changed, without reading them.
 */
export async function listFiles(dir: string, skipped: ReadonlySet<string> = new Set()): Promise<Map<string, string>> {
  const found: Array<[string, string]> = [];
  const visit = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      if (skipped.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) {
        const { size, mtimeMs } = await stat(path);
        found.push([relative(dir, path).split(sep).join('/'), `${size} ${mtimeMs}`]);
      }
    }
  };
  await visit(dir);
  return new Map(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Replaces a file by writing a temporary file beside it and renaming it over the old one,
 * so a reader (or an interrupted build) sees either the old page or the new one.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads a text file, or returns undefined when it does not exist; other errors are thrown. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Folders the build, Hugo, git and npm write to themselves: not the examples' business. */
const IGNORED = new Set(['.git', '.cache', 'node_modules', 'public', 'resources', 'test-results', '.hugo_build.lock']);

/** Every file of the repository with its size and modification time, to compare after the runs. */
export type Snapshot = Map<string, string>;

/** Lists the repository's files (outside the build's own folders) with their size and modification time. */
export async function snapshotRepository(root: string): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (IGNORED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) {
        const { size, mtimeMs } = await stat(path);
        snapshot.set(relative(root, path).split(sep).join('/'), `${size} ${mtimeMs}`);
      }
    }
  };
  await visit(root);
  return snapshot;
}

/** The files created or changed between two snapshots, sorted. */
export function changedFiles(before: Snapshot, after: Snapshot): { created: string[]; changed: string[] } {
  const created: string[] = [];
  const changed: string[] = [];
  for (const [file, signature] of after) {
    const previous = before.get(file);
    if (previous === undefined) created.push(file);
    else if (previous !== signature) changed.push(file);
  }
  return { created: created.sort(), changed: changed.sort() };
}

import { basename } from 'node:path';
import { BUILD_OUTPUTS, listFiles } from './files.ts';
import type { Problem } from './problem.ts';

/** Every file of the repository with its size and modification time, to compare after the runs. */
export type Snapshot = Map<string, string>;

/** Lists the repository's files (outside the build's own folders) with their size and modification time. */
export function snapshotRepository(root: string): Promise<Snapshot> {
  return listFiles(root, BUILD_OUTPUTS);
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

/**
 * Files the runs created or changed in the repository, which every run must leave as it
 * found it. They are reported, never deleted: one may be an author's.
 */
export async function filesLeftBehind(root: string, before: Snapshot, ran: ReadonlyArray<{ file: string; source: string }>): Promise<Problem[]> {
  const { created, changed } = changedFiles(before, await snapshotRepository(root));
  // The example whose source names the file is the likely writer; else every example that ran.
  const by = (file: string): string => {
    const named = ran.filter((example) => example.source.includes(basename(file)));
    const suspects = (named.length > 0 ? named : ran).map((example) => example.file);
    if (suspects.length === 1) return `by ${suspects[0]}`;
    // With no example naming it, an edit saved while the build ran is as likely as any of them.
    if (named.length === 0 && suspects.length > 3) return `by one of the ${suspects.length} examples that ran, or by an edit saved while they ran`;
    return `by one of ${suspects.join(', ')}`;
  };
  return [
    ...created.map((file): Problem => ({ rule: 'dirty-run', file, message: `was created while the examples ran (${by(file)}); an example writes only to \`:memory:\` or a temporary folder of its own: delete this file and fix the example` })),
    ...changed.map((file): Problem => ({ rule: 'dirty-run', file, message: `was changed while the examples ran (${by(file)}); an example never writes into the repository: restore this file (git checkout) and fix the example` })),
  ];
}

/**
 * Watches source folders for `npm run dev` with chokidar. Node's own `fs.watch(dir,
 * { recursive: true })` on Linux watches each file's inode: once an editor saves by
 * writing a temporary file and renaming it over the original (vim, JetBrains IDEs,
 * `sed -i`), the new file is never watched again and later saves go unnoticed. chokidar
 * watches every folder too, re-attaches to replaced files and reports such a save as one
 * `change`; new folders are watched as they appear.
 */
import { basename, join, relative, sep } from 'node:path';
import { watch } from 'chokidar';

export interface SourceWatcher {
  /** Stops watching; no change is reported after it resolves. */
  close(): Promise<void>;
}

export interface WatchSourcesOptions {
  root: string;
  /** Folders under `root` to watch, e.g. `['code', 'content']`. */
  dirs: readonly string[];
  /** Called once changes have settled for `settleMs`, with the files and folders added, changed or removed (`/`-separated, relative to `root`). */
  onChange: (files: string[]) => void;
  settleMs?: number;
}

/** Watches `dirs` and reports batches of changed files; resolves once the initial scan is done, so no save after it is missed. */
export async function watchSources({ root, dirs, onChange, settleMs = 50 }: WatchSourcesOptions): Promise<SourceWatcher> {
  const watcher = watch(
    dirs.map((dir) => join(root, dir)),
    { ignoreInitial: true, ignored: (path) => isEditorScratch(basename(path)) },
  );
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    pending.add(relative(root, path).split(sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending.clear();
      onChange(files);
    }, settleMs);
  });
  watcher.on('error', (error) => console.error(`watching ${dirs.join(', ')}: ${error instanceof Error ? error.message : String(error)}`));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/**
 * Files editors and tools write beside the one being saved, which are no source: hidden
 * files (vim's `.x.swp`, this build's `.x.tmp`), backups (`x~`), JetBrains' `x___jb_tmp___`,
 * vim's write test `4913`.
 */
export function isEditorScratch(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name.endsWith('.tmp') || /___jb_(tmp|old)___$/.test(name) || name === '4913';
}

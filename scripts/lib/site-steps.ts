/**
 * The steps of `npm run build` after the pages are written: Hugo renders `public/` from
 * scratch, then Pagefind indexes it. The command line runs them; the benchmark times them.
 */
import { spawnSync, type StdioOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SiteStepsOptions {
  root: string;
  /** The Hugo binary (see hugo.ts). */
  hugo: string;
  /** The site's base URL; hugo.toml's by default. */
  baseUrl?: string | undefined;
  /** Where the tools' output goes: the terminal for the command line. */
  stdio?: StdioOptions;
}

/** Runs Hugo, then Pagefind when Hugo succeeded; says whether both did, and how long each took. */
export function runSiteSteps({ root, hugo, baseUrl, stdio = 'inherit' }: SiteStepsOptions): { ok: boolean; hugoMs: number; pagefindMs: number } {
  rmSync(join(root, 'public'), { recursive: true, force: true });
  const args = ['--source', root, '--destination', 'public', '--minify'];
  if (baseUrl) args.push('--baseURL', baseUrl);
  let started = performance.now();
  const hugoRun = spawnSync(hugo, args, { stdio });
  const hugoMs = performance.now() - started;
  if (hugoRun.status !== 0) return { ok: false, hugoMs, pagefindMs: 0 };
  // The search index; the site loads it only when a reader searches.
  started = performance.now();
  const pagefind = spawnSync(join(root, 'node_modules', '.bin', 'pagefind'), ['--site', 'public', '--silent', '--include-characters', '_.$'], { cwd: root, stdio });
  return { ok: pagefind.status === 0, hugoMs, pagefindMs: performance.now() - started };
}

import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createTempSite, REPO_ROOT, THEME, writeFiles } from '../../scripts/site/temp-site.ts';

export { REPO_ROOT, writeFiles };

const CLI = join(REPO_ROOT, 'scripts', 'cli.ts');

/**
 * The first line of the tests' example programs: they run on SQLite alone, so that the
 * build's tests start no database server (see `dialects:` in the README).
 */
export const SQLITE_ONLY = "// dialects: sqlite (a test of the build, which runs without database servers)\n";
const TSX = createRequire(import.meta.url).resolve('tsx');

/**
 * Creates a small site in a temporary folder: the real theme, Hugo config, package.json
 * and code/support, with node_modules linked from the repository, plus the given files.
 */
export function createFixtureSite(files: Record<string, string>): Promise<string> {
  return createTempSite({ copy: [...THEME, 'package.json', 'tsconfig.json', 'code/support'], files, linkPackages: true });
}

export async function readSiteFile(dir: string, path: string): Promise<string> {
  return readFile(join(dir, path), 'utf8');
}

export async function removeSite(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the project's command line (`build`, `check`…) in a fixture site. */
export function runCli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runNode(dir, ['--import', TSX, CLI, ...args], env);
}

/** Runs Node.js with `args` in `dir`, with `env` added to this process's environment, and collects its output. */
export function runNode(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The visible text of an HTML fragment: tags removed, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#34;/g, '"')
    .replace(/&#123;/g, '{')
    .replace(/&amp;/g, '&');
}

/**
 * The command line: `build` verifies and writes the pages then builds the site, `check`
 * verifies without writing, `dev` keeps pages verified while Hugo's server runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from './lib/files.ts';
import { findHugo, versionWarning, type HugoBinary } from './lib/hugo.ts';
import { formatProblem } from './lib/problem.ts';
import { createProgress } from './lib/progress.ts';
import { verifyPages, type VerifyResult } from './lib/verify.ts';

const USAGE = `usage: tsx scripts/cli.ts <build|check|dev> [--timeout <ms>] [--base-url <url>] [--no-cache] [page or folder...]

  build   run the examples, write their code and output into content/, build public/
  check   run the examples and compare with content/; print a diff and fail on any difference
  dev     build, then serve the site with live reload and re-verify on every change

  --timeout <ms>    how long one example may run (default 30000)
  --base-url <url>  the site's base URL for build (default: hugo.toml's baseURL)
  --no-cache        build: run every example, even those whose inputs did not change

  Naming pages or folders (e.g. content/docs/querying) verifies only those pages;
  by default every page under content/ is verified.`;

const DEFAULT_TIMEOUT_MS = 30_000;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { timeout: { type: 'string' }, 'base-url': { type: 'string' }, 'no-cache': { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...only] = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeoutMs = parsed.values.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(parsed.values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    console.error(`--timeout takes a whole number of milliseconds, not \`${parsed.values.timeout}\``);
    return 2;
  }
  if (command !== 'build' && command !== 'check' && command !== 'dev') {
    console.error(USAGE);
    return 2;
  }

  const root = process.cwd();
  const options = { root, timeoutMs, only, noCache: parsed.values['no-cache'] ?? false, baseUrl: parsed.values['base-url'] };
  switch (command) {
    case 'check':
      return check(options);
    case 'build':
      return build(options);
    case 'dev':
      return dev(options);
  }
}

interface CommandOptions {
  root: string;
  timeoutMs: number;
  only: string[];
  noCache: boolean;
  baseUrl: string | undefined;
}

async function verify(options: CommandOptions, cacheMode: 'read-write' | 'write-only'): Promise<VerifyResult | undefined> {
  const progress = createProgress();
  const result = await verifyPages({
    ...options,
    cacheMode,
    onPlan: (files) => progress.plan(files),
    onExampleStart: (file) => progress.start(file),
    onExampleDone: (timing) => progress.done(timing),
  });
  progress.finish();
  if (result.problems.length > 0) {
    console.error(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; no page was written:`);
    for (const problem of result.problems) console.error(formatProblem(problem));
    return undefined;
  }
  return result;
}

async function check(options: CommandOptions): Promise<number> {
  // A check never trusts the cache: every example runs from scratch.
  const result = await verify(options, 'write-only');
  if (!result) return 1;
  const stale = result.pages.filter((page) => page.current !== page.updated);
  const { pageDiff } = await import('./lib/page-diff.ts');
  for (const page of stale) process.stdout.write(pageDiff(page.file, page.current, page.updated));
  if (stale.length > 0) {
    console.error(`\n${stale.length} page${stale.length === 1 ? ' differs' : 's differ'} from what the examples produce: ${stale.map((p) => p.file).join(', ')}`);
    console.error('Run `npm run build` to update them, and review the change.');
    return 1;
  }
  console.log(`${result.pages.length} pages match their examples`);
  return 0;
}

async function writePages(options: CommandOptions): Promise<boolean> {
  const result = await verify(options, options.noCache ? 'write-only' : 'read-write');
  if (!result) return false;
  const stale = result.pages.filter((page) => page.current !== page.updated);
  for (const page of stale) await writeFileAtomic(join(options.root, page.file), page.updated);
  console.log(stale.length > 0 ? `updated ${stale.map((p) => p.file).join(', ')}` : 'all pages were up to date');
  return true;
}

async function build(options: CommandOptions): Promise<number> {
  const hugo = locateHugo(options.root);
  if (!hugo) return 1;
  if (!(await writePages(options))) return 1;
  await rm(join(options.root, 'public'), { recursive: true, force: true });
  const args = ['--source', options.root, '--destination', 'public', '--minify'];
  if (options.baseUrl) args.push('--baseURL', options.baseUrl);
  const hugoRun = spawnSync(hugo.path, args, { stdio: 'inherit' });
  if (hugoRun.status !== 0) return 1;
  // The search index; the site loads it only when a reader searches.
  const pagefind = spawnSync(join(options.root, 'node_modules', '.bin', 'pagefind'), ['--site', 'public', '--silent', '--include-characters', '_.$'], {
    cwd: options.root,
    stdio: 'inherit',
  });
  return pagefind.status === 0 ? 0 : 1;
}

async function dev(options: CommandOptions): Promise<number> {
  const hugo = locateHugo(options.root);
  if (!hugo) return 1;
  await writePages(options);
  const server = spawn(hugo.path, ['server', '--source', options.root], { stdio: 'inherit' });

  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const rerun = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    await writePages(options).catch((error: unknown) => console.error(error));
    running = false;
    if (again) {
      again = false;
      void rerun();
    }
  };
  for (const dir of ['code', 'content']) {
    watch(join(options.root, dir), { recursive: true }, (_event, name) => {
      if (name?.endsWith('.tmp')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void rerun(), 100);
    });
  }
  return new Promise((resolve) => server.on('close', (code) => resolve(code ?? 0)));
}

function locateHugo(root: string): HugoBinary | undefined {
  try {
    const hugo = findHugo(root);
    const warning = versionWarning(hugo, root);
    if (warning) console.warn(warning);
    return hugo;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

process.exitCode = await main(process.argv.slice(2));

/**
 * The command line: `build` verifies and writes the pages then builds the site, `check`
 * verifies without writing, `dev` keeps pages verified while Hugo's server runs.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from './lib/files.ts';
import { findHugo, versionWarning, type HugoBinary } from './lib/hugo.ts';
import { DIALECTS_VARIABLE, readDialectSelection } from './lib/dialects/choose.ts';
import { DIALECTS } from './lib/dialects/index.ts';
import { formatProblem, type Problem } from './lib/problem.ts';
import { serveWithLiveExamples } from './lib/dev-server.ts';
import { rememberProbesIn } from './lib/probe.ts';
import { createProgress } from './lib/progress.ts';
import { Session } from './lib/session.ts';
import { recordSite, siteIsCurrent, siteState } from './lib/site-freshness.ts';
import { runSiteSteps } from './lib/site-steps.ts';
import type { CacheMode } from './lib/store.ts';
import { verifyPages, type FileUpdate, type VerifyResult } from './lib/verify.ts';

const USAGE = `usage: tsx scripts/cli.ts <build|check|dev> [--timeout <ms>] [--base-url <url>] [--no-cache] [page or folder...]

  build   run the examples, write their code and output into content/, build public/
  check   run the examples and compare with content/; print a diff and fail on any difference
  dev     build, then serve the site with live reload and re-verify on every change

  --timeout <ms>    how long one example may run (default 30000)
  --base-url <url>  the site's base URL for build (default: hugo.toml's baseURL)
  --no-cache        build: run every example, even those whose inputs did not change, and
                    Hugo and Pagefind, even when public/ is up to date
  --port <port>     dev: the port Hugo's server listens on (default 1313)

  Naming pages or folders (e.g. content/docs/querying) verifies only those pages;
  by default every page under content/ is verified.

Environment:
  DIALECTS=sqlite,postgres  verify only these dialects (ids: ${DIALECTS.map((dialect) => dialect.id).join(', ')}); the others
                            are reported as not verified and their sections of the pages kept
  REQUIRE_DIALECTS=1        fail when a dialect is not verified (left out, or missing here)`;

const DEFAULT_TIMEOUT_MS = 30_000;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { timeout: { type: 'string' }, 'base-url': { type: 'string' }, 'no-cache': { type: 'boolean' }, port: { type: 'string' }, help: { type: 'boolean' } },
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
  // What tools say of their version is kept across commands (see probe.ts).
  rememberProbesIn(join(root, '.cache', 'verified-docs', 'probes.json'));
  const port = parsed.values.port === undefined ? undefined : Number(parsed.values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error(`--port takes a port number, not \`${parsed.values.port}\``);
    return 2;
  }
  const selection = readDialectSelection(process.env[DIALECTS_VARIABLE]);
  if ('error' in selection) {
    console.error(selection.error);
    return 2;
  }
  const options = { root, timeoutMs, only, port, noCache: parsed.values['no-cache'] ?? false, baseUrl: parsed.values['base-url'], dialects: selection.selected };
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
  port: number | undefined;
  baseUrl: string | undefined;
  /** The dialects `DIALECTS` selects; every dialect when undefined. */
  dialects: readonly string[] | undefined;
  /** Told the problems when verification fails (the dev server shows them on the pages). */
  onProblems?: (problems: readonly Problem[]) => void;
  /** Set by the dev server, whose author saves files while examples run. */
  watching?: boolean;
}

/** Opens a session for one command and closes it on every exit path. */
async function withSession<T>(options: CommandOptions, cacheMode: CacheMode, use: (session: Session) => Promise<T>): Promise<T> {
  const session = new Session({ root: options.root, cacheMode });
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

async function verify(session: Session, options: CommandOptions): Promise<VerifyResult | undefined> {
  const progress = createProgress();
  const result = await verifyPages(session, {
    timeoutMs: options.timeoutMs,
    only: options.only,
    onPlan: (files) => progress.plan(files),
    onExampleStart: (file) => progress.start(file),
    onExampleDone: (timing) => progress.done(timing),
    // CI sets it: there, a dialect that cannot be verified is a failure, not a warning.
    requireDialects: process.env.REQUIRE_DIALECTS === '1',
    dialects: options.dialects,
    // The dev server's author saves files while examples run; a command does not.
    guardRepository: !options.watching,
  });
  progress.finish();
  for (const { dialect, hint } of result.unverified) {
    console.warn(`not verified: ${dialect}: its bodies were left as the pages have them; ${hint}`);
  }
  if (result.problems.length > 0) {
    options.onProblems?.(result.problems);
    console.error(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; no page was written:`);
    for (const problem of result.problems) console.error(formatProblem(problem));
    return undefined;
  }
  return result;
}

/** Pages and generated files whose text on disk is not what the sources give. */
function staleFiles(result: VerifyResult): FileUpdate[] {
  return [...result.pages, ...result.generated].filter((file) => file.current !== file.updated);
}

async function check(options: CommandOptions): Promise<number> {
  // A check never trusts the cache: every example runs from scratch.
  const result = await withSession(options, 'write-only', (session) => verify(session, options));
  if (!result) return 1;
  const stale = staleFiles(result);
  const { differingPlaces, pageDiff } = await import('./lib/page-diff.ts');
  for (const page of stale) process.stdout.write(pageDiff(page.file, page.current, page.updated));
  for (const page of stale) for (const place of differingPlaces(page.file, page.current, page.updated)) console.error(place);
  if (stale.length > 0) {
    console.error(`\n${stale.length} page${stale.length === 1 ? ' differs' : 's differ'} from what the examples produce: ${stale.map((p) => p.file).join(', ')}`);
    console.error('Run `npm run build` to update them, and review the change.');
    return 1;
  }
  console.log(`${result.pages.length} pages match their examples`);
  return 0;
}

/** Verifies, then writes the pages whose bodies changed; returns undefined when verification failed. */
async function writePages(session: Session, options: CommandOptions): Promise<VerifyResult | undefined> {
  const result = await verify(session, options);
  if (!result) return undefined;
  const stale = staleFiles(result);
  for (const file of stale) {
    await mkdir(dirname(join(options.root, file.file)), { recursive: true });
    await writeFileAtomic(join(options.root, file.file), file.updated);
  }
  console.log(stale.length > 0 ? `updated ${stale.map((p) => p.file).join(', ')}` : 'all pages were up to date');
  return result;
}

async function build(options: CommandOptions): Promise<number> {
  const hugo = locateHugo(options.root);
  if (!hugo) return 1;
  const written = await withSession(options, options.noCache ? 'write-only' : 'read-write', (session) => writePages(session, options));
  if (!written) return 1;
  return (await buildSite(options, hugo)) ? 0 : 1;
}

/**
 * Hugo, then Pagefind; skipped when public/ is what they would make again (nothing they
 * read changed, and nobody touched their output), unless --no-cache asks for everything.
 */
async function buildSite(options: CommandOptions, hugo: HugoBinary): Promise<boolean> {
  const pagefind = JSON.parse(await readFile(join(options.root, 'node_modules', 'pagefind', 'package.json'), 'utf8').catch(() => '{}')) as { version?: string };
  const tools = `hugo ${hugo.path} ${hugo.version}\npagefind ${pagefind.version ?? 'none'}\nbase URL ${options.baseUrl ?? ''}`;
  const state = await siteState(options.root, tools);
  if (!options.noCache && (await siteIsCurrent(options.root, state))) {
    console.log('public/ is up to date: nothing Hugo or Pagefind read has changed since they made it');
    return true;
  }
  const { ok } = runSiteSteps({ root: options.root, hugo: hugo.path, baseUrl: options.baseUrl });
  if (ok) await recordSite(options.root, state.inputs);
  return ok;
}

async function dev(options: CommandOptions): Promise<number> {
  const hugo = locateHugo(options.root);
  if (!hugo) return 1;
  // One session for the server's whole life: fingerprints, the runtime and (later) servers are made once.
  return withSession(options, 'read-write', (session) =>
    serveWithLiveExamples({
      root: options.root,
      hugo: hugo.path,
      port: options.port,
      update: async () => {
        let problems: readonly Problem[] = [];
        const written = await writePages(session, { ...options, watching: true, onProblems: (found) => (problems = found) });
        return written ? { written } : { problems };
      },
    }),
  );
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

/**
 * The reader replay: follows the tutorial as a reader does, in a fresh folder outside the
 * repository, and checks that every step works and prints what the page shows. The steps
 * come from the pages (reader-steps.ts); what may differ between the page and the reader's
 * terminal is declared in reader-normalise.ts; `npm install` is served from the
 * repository's packages (reader-install.ts). A command or file that fails ends the replay,
 * since the steps after it would start from a state the pages do not describe; a failed
 * example does not.
 *
 * How each step runs:
 * - a command runs in bash, in the folder the previous commands left the reader in (so
 *   `cd` carries over), with stdout and stderr in one stream as a terminal shows them,
 *   an environment without npm's or the repository's settings, and `npx <command>`
 *   running the project's own `node_modules/.bin/<command>` (npx would otherwise download
 *   it: that fails the step); `npm install <names>` on a line of its own is served by
 *   reader-install.ts; every other command (`npm init -y`, `npm pkg set`, the CLI) is real;
 * - a file to write is copied from code/reader-project/ into the project; a name with a
 *   CLI time stamp replaces the reader's file with the same name after its stamp;
 * - an example is copied into the project's `code/` with the local modules it imports and
 *   the files examples read at run time (`EXAMPLE_DATA`), then run with `npx tsx`;
 * - at the end, `npx tsc` checks every example copied with the reader's tsconfig.json,
 *   and every file of code/reader-project/ must equal the reader's.
 */
import { spawn } from 'node:child_process';
import { open, cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { findInputs } from './compile-example.ts';
import { sqlite } from './dialects/sqlite.ts';
import { readPages } from './page-model.ts';
import { formatProblem } from './problem.ts';
import { installFromRepository } from './reader-install.ts';
import { exampleLines, normaliseCommandOutput, normaliseShown, readersStampedFile, withReadersStamps } from './reader-normalise.ts';
import { READER_PROJECT, readerSteps, type CommandStep, type ExampleStep, type ReaderStep, type WriteStep } from './reader-steps.ts';
import { parseRegions } from './regions.ts';
import { Session } from './session.ts';
import { readerRunCommand } from './site-data.ts';

/** Files under code/ that examples read at run time instead of importing: copied with every example. */
export const EXAMPLE_DATA = [`code/${READER_PROJECT}`];

export interface ReplayOptions {
  root: string;
  /** Keeps the reader's folder for inspection instead of deleting it. */
  keep?: boolean;
  /** How long one command may run. */
  timeoutMs?: number;
  /** Told about each step as it ends, for progress output. */
  onStep?: (step: ReaderStep, durationMs: number) => void;
}

export interface ReplayReport {
  /** The reader's folder (deleted unless `keep`). */
  folder: string;
  /** The pages followed, in reading order. */
  pages: string[];
  steps: ReaderStep[];
  /** How many steps succeeded. */
  done: number;
  /** Every failure, in page order, as `page:line: what failed`, with the difference. */
  failure?: string;
  durationMs: number;
}

interface Printed {
  status: number | null;
  output: string;
}

/** Follows every page of the tutorial in a fresh folder and reports the steps that fail. */
export async function replayReader(options: ReplayOptions): Promise<ReplayReport> {
  const started = performance.now();
  const { root } = options;
  const session = new Session({ root, cacheMode: 'write-only' });
  const pages = await readPages(session).finally(() => session.close());
  const { steps, pages: order, problems } = readerSteps(pages);
  const folder = await realpath(await mkdtemp(join(tmpdir(), 'sequelize-reader-')));
  const report: ReplayReport = { folder, pages: order, steps, done: 0, durationMs: 0 };
  const reader = new Reader(root, folder, options.timeoutMs ?? 120_000);
  try {
    if (`${folder}${sep}`.startsWith(`${root}${sep}`)) throw new Error(`the reader's folder ${folder} must be outside the repository`);
    if (problems.length > 0) {
      report.failure = problems.map(formatProblem).join('\n');
      return report;
    }
    // Commands and files run in order, and the first one that fails ends the replay: the
    // steps after it would start from a state the pages do not describe. An example changes
    // nothing in the reader's project, so it runs beside the steps that follow it, one per
    // core, and a failed example does not stop the others. Failures are told in page order.
    const running = new Set<Promise<void>>();
    const failures = new Map<number, string>();
    let stopped = false;
    for (const [index, step] of steps.entries()) {
      if (stopped) break;
      const stepStarted = performance.now();
      const settle = (failure: string | undefined): void => {
        options.onStep?.(step, performance.now() - stepStarted);
        if (failure !== undefined) failures.set(index, `${step.page}:${step.line}: ${failure}`);
        else report.done++;
      };
      if (step.kind !== 'example') {
        const failure = await reader.perform(step);
        settle(failure);
        stopped = failure !== undefined;
        continue;
      }
      // The example is copied now, in order; it runs where the reader is now.
      const runExample = await reader.copyExample(step);
      while (running.size >= availableParallelism()) await Promise.race(running);
      const run: Promise<void> = runExample().then(settle, (error: unknown) => settle(String(error))).finally(() => running.delete(run));
      running.add(run);
    }
    await Promise.all(running);
    if (failures.size > 0) {
      report.failure = [...failures.entries()].sort(([a], [b]) => a - b).map(([, failure]) => failure).join('\n\n');
      return report;
    }
    report.failure = await reader.finish(steps);
    return report;
  } finally {
    report.durationMs = performance.now() - started;
    if (!options.keep) await rm(folder, { recursive: true, force: true });
  }
}

/** The reader: where they are, what they copied, and how they run commands. */
class Reader {
  #cwd: string;
  #runs = 0;

  constructor(
    private readonly root: string,
    private readonly folder: string,
    private readonly timeoutMs: number,
  ) {
    this.#cwd = folder;
  }

  /** Performs a command or writes a file; returns what went wrong, or undefined. */
  async perform(step: CommandStep | WriteStep): Promise<string | undefined> {
    return step.kind === 'command' ? this.#command(step) : this.#write(step);
  }

  async #command(step: CommandStep): Promise<string | undefined> {
    const install = /^npm (?:install|i|add)\s+(.*)$/.exec(step.command);
    if (install) {
      try {
        await installFromRepository({ root: this.root, project: this.#cwd, args: (install[1] ?? '').trim().split(/\s+/) });
        return undefined;
      } catch (error) {
        return `\`${step.command}\` failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const command = withReadersStamps(step.command, await this.#projectFiles());
    const printed = await this.#run(command, { followCd: true });
    const expected = step.shown?.exitStatus ?? 0;
    if (printed.status !== expected) {
      return `\`${command}\` exited with status ${printed.status}${expected ? ` instead of ${expected}` : ''}:\n${printed.output.trimEnd()}`;
    }
    if (!step.shown) return undefined;
    const shown = normaliseShown(step.shown.text);
    const actual = normaliseCommandOutput(printed.output, this.#cwd);
    if (shown === actual) return undefined;
    return `\`${command}\` printed something else than the page shows at line ${step.shown.line}:\n${difference(`${step.page}:${step.shown.line}`, 'the reader', shown, actual)}`;
  }

  async #write(step: WriteStep): Promise<string | undefined> {
    const file = readersStampedFile(step.file, await this.#projectFiles()) ?? step.file;
    const target = join(this.#cwd, file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await readFile(join(this.root, step.source)));
    return undefined;
  }

  /**
   * Copies an example into the project's `code/` with the local modules it imports and the
   * files examples read (files already there are the same, and stay), and returns its run.
   */
  async copyExample(step: ExampleStep): Promise<() => Promise<string | undefined>> {
    const inputs = await findInputs(this.root, step.example);
    if ('problems' in inputs) return async () => `${step.example} does not compile:\n${inputs.problems.map(formatProblem).join('\n')}`;
    const project = this.#cwd;
    for (const file of [...inputs.files, ...EXAMPLE_DATA]) {
      await cp(join(this.root, file), join(project, file), { recursive: true, force: false });
    }
    return () => this.#runExample(step, project, inputs.contents.get(step.example) ?? '');
  }

  async #runExample(step: ExampleStep, project: string, source: string): Promise<string | undefined> {
    const { regions } = parseRegions(source, step.example);
    // The reader runs on SQLite: a region that throws on other dialects only finishes there.
    const throwsOnSqlite = (thrown: boolean | readonly string[]): boolean => thrown === true || (Array.isArray(thrown) && thrown.includes(sqlite.id));
    const throws = new Set(regions.filter((region) => throwsOnSqlite(region.throws)).map((region) => region.name));
    const printed = await this.#run(readerRunCommand(step.example), { cwd: project });
    const expected = throws.size > 0 ? 1 : 0;
    if (printed.status !== expected) return `\`${step.command}\` exited with status ${printed.status}:\n${printed.output.trimEnd()}`;
    const lines = exampleLines(printed.output, project);
    for (const block of step.shown) {
      const shown = block.text.split('\n');
      const found = block.view === 'sql' ? lines.sql : lines.output;
      const missing = throws.has(block.region) ? notShownThrowing(shown, found) : notShown(shown, found);
      if (missing) {
        return `\`${step.command}\` did not print the ${block.view} that the page shows at line ${block.line} (region \`${block.region}\`):\n${difference(`${step.page}:${block.line}`, `the reader's ${block.view}`, shown.join('\n'), found.join('\n'))}`;
      }
    }
    return undefined;
  }

  /** After the last page: the examples type-check with the reader's tsconfig.json, and the reader's project is code/reader-project. */
  async finish(steps: readonly ReaderStep[]): Promise<string | undefined> {
    const tsconfig = steps.find((step): step is WriteStep => step.kind === 'write' && step.file === 'tsconfig.json');
    const place = tsconfig ? `${tsconfig.page}:${tsconfig.line}` : 'the last page';
    const checked = await this.#run('npx tsc');
    if (checked.status !== 0) return `${place}: \`npx tsc\` with the reader's tsconfig.json fails on the examples they copied:\n${checked.output.trimEnd()}`;

    const projectFiles = await this.#projectFiles();
    const sourceFolder = join(this.root, 'code', READER_PROJECT);
    for (const file of await listFiles(sourceFolder)) {
      const mine = readersStampedFile(file, projectFiles) ?? file;
      const expected = await readFile(join(sourceFolder, file), 'utf8');
      const actual = await readFile(join(this.#cwd, mine), 'utf8').catch(() => undefined);
      if (actual === undefined) return `code/${READER_PROJECT}/${file}: the reader's project has no ${file} after the last page; no page tells them to make it`;
      if (actual !== expected) {
        return `code/${READER_PROJECT}/${file}: the reader's ${mine} after the last page differs:\n${difference(`code/${READER_PROJECT}/${file}`, `the reader's ${mine}`, expected, actual)}`;
      }
    }
    return undefined;
  }

  /** The project's own files (without node_modules and the copied examples), relative to it. */
  #projectFiles(): Promise<string[]> {
    return listFiles(this.#cwd, (name) => name !== 'node_modules' && name !== 'code');
  }

  /**
   * Runs a command line in bash where the reader is (or in `cwd`), with stdout and stderr
   * in one file as a terminal interleaves them; with `followCd`, the reader is then where
   * the command left them (`cd` carries over to the next command).
   */
  async #run(command: string, { followCd = false, cwd = this.#cwd }: { followCd?: boolean; cwd?: string } = {}): Promise<Printed> {
    const base = join(this.folder, '..', `${this.folder.split(sep).at(-1)}-${++this.#runs}`);
    const outputFile = `${base}.output`;
    const cwdFile = `${base}.cwd`;
    const script = `${BASH_PRELUDE}\n${command}\n__status=$?\npwd > ${shellQuote(cwdFile)}\nexit $__status\n`;
    const output = await open(outputFile, 'w');
    try {
      const child = spawn('bash', ['-c', script], { cwd, env: readerEnvironment(), stdio: ['ignore', output.fd, output.fd], detached: true });
      const timer = setTimeout(() => killGroup(child.pid), this.timeoutMs);
      const status = await new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code));
      }).finally(() => clearTimeout(timer));
      if (followCd) this.#cwd = (await readFile(cwdFile, 'utf8').catch(() => '')).trim() || cwd;
      return { status, output: await readFile(outputFile, 'utf8') };
    } finally {
      await output.close();
      await rm(outputFile, { force: true });
      await rm(cwdFile, { force: true });
    }
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Defined in every command's shell: `npx` runs the project's installed command, as npx
 * does, and refuses to download; `npm install` must be a line of its own, so that the
 * replay can serve it.
 */
const BASH_PRELUDE = `
npx() {
  local name="$1"; shift
  local dir="$PWD"
  while [ "$dir" != "/" ]; do
    if [ -x "$dir/node_modules/.bin/$name" ]; then "$dir/node_modules/.bin/$name" "$@"; return $?; fi
    dir="$(dirname "$dir")"
  done
  echo "reader replay: npx $name: the project has not installed it, so npx would download it" >&2
  return 127
}
npm() {
  case "$1" in
    install|i|add) echo "reader replay: write \\\`npm $*\\\` on a line of its own, so that the replay can install it" >&2; return 97;;
  esac
  command npm "$@"
}
`;

/** The environment of a reader's terminal: none of npm's settings for this repository's scripts, and no repository node_modules/.bin on the PATH. */
function readerEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) || name === 'INIT_CWD' || name === 'NODE_OPTIONS' || name === 'NODE_PATH') continue;
    environment[name] = value;
  }
  environment.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((entry) => !entry.includes(`${sep}node_modules${sep}.bin`))
    .join(':');
  return { ...environment, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/** Whether `shown` is missing from `printed` as a run of consecutive lines. */
function notShown(shown: readonly string[], printed: readonly string[]): boolean {
  return indexOfRun(printed, shown, 0) < 0;
}

/** For a region that ends by throwing: its output, then (after the stack trace's first lines) `Name: message`. */
function notShownThrowing(shown: readonly string[], printed: readonly string[]): boolean {
  const error = shown.at(-1) ?? '';
  const before = shown.slice(0, -1);
  const start = before.length === 0 ? 0 : indexOfRun(printed, before, 0);
  if (start < 0) return true;
  return !printed.slice(start + before.length).some((line) => line === error || line.startsWith(`${error} `) || nodeErrorLine(line) === error);
}

/**
 * Node prints an uncaught error whose `name` differs from its class as `Class [name]: message`
 * (`EagerLoadingError [SequelizeEagerLoadingError]: …`); the page shows `name: message`.
 */
function nodeErrorLine(line: string): string | undefined {
  const match = /^[\w$]+ \[([\w$]+)\]: (.*)$/.exec(line);
  return match ? `${match[1]}: ${match[2]}` : undefined;
}

function indexOfRun(lines: readonly string[], run: readonly string[], from: number): number {
  for (let start = from; start + run.length <= lines.length; start++) {
    if (run.every((line, offset) => lines[start + offset] === line)) return start;
  }
  return -1;
}

function difference(shownName: string, actualName: string, shown: string, actual: string): string {
  return createTwoFilesPatch(shownName, actualName, `${shown}\n`, `${actual}\n`, undefined, undefined, { context: 3 })
    .split('\n')
    .slice(2)
    .join('\n')
    .trimEnd();
}

/** Lists the files under a folder, relative to it, skipping the top-level entries `keep` rejects. */
async function listFiles(folder: string, keep: (name: string) => boolean = () => true, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(folder, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (!prefix && !keep(entry.name)) continue;
    if (entry.isDirectory()) files.push(...(await listFiles(folder, keep, path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

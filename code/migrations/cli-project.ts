/**
 * A throw-away sequelize-cli project for the examples of this chapter: a temporary folder
 * in which `sequelize-cli` really runs, with what it prints shown on the page.
 */
// dialects: sqlite (it makes the project of the CLI pages, whose db/config.json names SQLite)
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLOCK_START_VARIABLE } from './cli-clock.ts';

const require = createRequire(import.meta.url);
// The script `npx sequelize-cli` runs: the `bin` entry of the package.
const CLI = join(dirname(require.resolve('sequelize-cli/package.json')), 'lib', 'sequelize');
// The clock the CLI runs with: cli-clock.ts is also plain JavaScript (see there).
const CLOCK = new URL('cli-clock.ts', import.meta.url);

/**
 * The reader's project as the pages tell the reader to make it: the files of
 * code/reader-project/ (package.json, tsconfig.json, .sequelizerc, db/...). Every project
 * folder starts from the files the reader has before this chapter, and the examples write
 * the others with `writeReaderFile` where the pages tell the reader to, so the CLI runs in
 * the project the reader has.
 */
const READER_PROJECT = fileURLToPath(new URL('../reader-project/', import.meta.url));
const BEFORE_THIS_CHAPTER = ['package.json', 'tsconfig.json'];

/** The migration the "Generating" page writes by hand, and "Running migrations" runs. */
export const ADD_BIRTHDAY_MIGRATION = 'db/migrations/20240101090200-add-birthday-to-users.js';

export class CliProject {
  /** Commands run so far; each one runs a minute after the previous one (see `cli`). */
  #commands = 0;

  private constructor(
    /** A private temporary folder holding the project and the CLI's output. */
    private readonly root: string,
  ) {}

  /** Creates a project folder under the system's temporary directory, holding the reader's files from before this chapter. */
  static async create(): Promise<CliProject> {
    // realpath: on some systems the temporary directory is reached through a symlink.
    const root = await realpath(await mkdtemp(join(tmpdir(), 'sequelize-cli-')));
    await mkdir(join(root, 'project'));
    await copyFile(CLOCK, join(root, 'cli-clock.mjs'));
    const project = new CliProject(root);
    for (const file of BEFORE_THIS_CHAPTER) await project.writeReaderFile(file);
    return project;
  }

  /**
   * The project as the "Project set-up" page leaves it: the CLI's files in db/ (with
   * `.sequelizerc` and `db/package.json`), created by `init`, with the SQLite configuration.
   */
  static async afterSetUp(): Promise<CliProject> {
    const project = await CliProject.create();
    await project.writeReaderFile('.sequelizerc');
    await project.writeReaderFile('db/package.json');
    project.cli('init');
    await project.writeReaderFile('db/config.json');
    return project;
  }

  /**
   * The project as the "Generating" page leaves it: a `User` model with the migration that
   * creates its table (09:01), and the migration that adds a birthday (09:02).
   */
  static async afterGenerating(): Promise<CliProject> {
    const project = await CliProject.afterSetUp();
    project.cli('model:generate', '--name', 'User', '--attributes', 'name:string,email:string');
    project.cli('migration:generate', '--name', 'add-birthday-to-users');
    await project.writeReaderFile(ADD_BIRTHDAY_MIGRATION);
    return project;
  }

  /** The project folder, where the CLI runs. */
  get dir(): string {
    return join(this.root, 'project');
  }

  /** The absolute path of a file of the project. */
  path(file: string): string {
    return join(this.dir, file);
  }

  /**
   * Runs `npx sequelize-cli <args>` in the project and prints the command and what the CLI
   * printed, line by line, so that the build files its `Executing (default): …` lines
   * under SQL. Fails if the CLI fails.
   */
  cli(...args: string[]): void {
    const { status, printed } = this.#run(args);
    if (status !== 0) throw new Error(`sequelize-cli ${args.join(' ')} failed (exit status ${status}):\n${printed}`);
    this.#print(args, printed);
  }

  /** Like `cli`, for a command that is meant to fail: also prints its exit status. */
  cliFails(...args: string[]): void {
    const { status, printed } = this.#run(args);
    if (status === 0) throw new Error(`sequelize-cli ${args.join(' ')} was expected to fail, but succeeded:\n${printed}`);
    this.#print(args, `${printed}\n(exit status ${status})`);
  }

  /**
   * Two things that differ between machines are rewritten in what the CLI prints: the
   * project's folder becomes `<project>`, and the Node.js version in its banner becomes
   * `<node>`. The CLI runs with the fixed clock of `cli-clock.ts`, set to 09:00 UTC on
   * 2024-01-01 for the first command, 09:01 for the second and so on, as if the commands
   * were typed a minute apart; the names of the files it generates depend on it.
   */
  #run(args: string[]): { status: number | null; printed: string } {
    const clockStart = Date.UTC(2024, 0, 1, 9, this.#commands++);
    // stdout and stderr share one file, so that they stay in the order the CLI wrote them.
    const outputFile = join(this.root, 'cli-output.txt');
    const output = openSync(outputFile, 'w');
    let status: number | null;
    try {
      ({ status } = spawnSync(process.execPath, ['--import', pathToFileURL(join(this.root, 'cli-clock.mjs')).href, CLI, ...args], {
        cwd: this.dir,
        env: { ...process.env, [CLOCK_START_VARIABLE]: String(clockStart), NO_COLOR: '1' },
        stdio: ['ignore', output, output],
      }));
    } finally {
      closeSync(output);
    }
    const printed = readFileSync(outputFile, 'utf8')
      .replaceAll(this.dir, '<project>')
      .replace(/\[Node: [^,]+,/, '[Node: <node>,')
      .trimEnd();
    return { status, printed };
  }

  #print(args: string[], printed: string): void {
    console.log(`$ npx sequelize-cli ${args.join(' ')}`);
    for (const line of printed.split('\n')) console.log(line);
  }

  /** Writes a file of the project, creating its folder if needed. */
  async write(file: string, text: string): Promise<void> {
    await mkdir(dirname(this.path(file)), { recursive: true });
    await writeFile(this.path(file), text);
  }

  /** Writes a file of the reader's project (code/reader-project/<file>) into this one, as the pages tell the reader to. */
  async writeReaderFile(file: string): Promise<void> {
    await this.write(file, await readReaderFile(file));
  }

  /** Prints a file of the project as it is on disk, or only its lines that contain `matching`. */
  async show(file: string, { matching }: { matching?: string } = {}): Promise<void> {
    const lines = (await readFile(this.path(file), 'utf8')).trimEnd().split('\n');
    for (const line of lines) {
      if (matching === undefined || line.includes(matching)) console.log(line);
    }
  }

  /** Prints the project's folders and files, sorted by name, folders with a trailing `/`. */
  async tree(folder = '', depth = 0): Promise<void> {
    const entries = await readdir(this.path(folder), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      console.log(`${'  '.repeat(depth)}${entry.name}${entry.isDirectory() ? '/' : ''}`);
      if (entry.isDirectory()) await this.tree(join(folder, entry.name), depth + 1);
    }
  }

  /** Deletes the project folder and everything in it. */
  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** The text of a file of the reader's project, e.g. `db/config.json`. */
export function readReaderFile(file: string): Promise<string> {
  return readFile(join(READER_PROJECT, file), 'utf8');
}

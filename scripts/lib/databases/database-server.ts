/**
 * What every database-server module (postgres.ts, mariadb.ts) offers, and the process
 * lifecycle they share: a private server in a fresh temporary folder, on a free loopback
 * port, run as an unprivileged user, stopped by its process id on every way out.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { probe } from '../probe.ts';

export type ServerKind = 'postgres' | 'mariadb';

/** Whether a kind of server can be started here: its version, or how to install it. */
export type Detection = { available: true; version: string } | { available: false; hint: string };

/** What Sequelize needs to connect to one database (the same as `url`, spelled out). */
export interface ConnectionOptions {
  dialect: ServerKind;
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/** A fresh, empty database on a running server, for one example run. */
export interface FreshDatabase {
  name: string;
  /** A connection URL Sequelize accepts: `new Sequelize(url)`. */
  url: string;
  options: ConnectionOptions;
}

export interface StartOptions {
  /** The folder in which the server's own temporary folder is made; the system's temporary folder by default. */
  dir?: string;
  /** How long initialising and starting may take together, in milliseconds (60 s by default). */
  timeoutMs?: number;
}

/** A private server this process started; stop it (or dispose of it) when done. */
export interface RunningServer extends AsyncDisposable {
  readonly kind: ServerKind;
  /** The server's version, as its binary reports it. */
  readonly version: string;
  /** The server's process id (the postmaster, or mariadbd). */
  readonly pid: number;
  /** The temporary folder holding the data, the socket and the log; removed by `stop`. */
  readonly dir: string;
  readonly host: string;
  readonly port: number;
  /** How long initialising the data folder and starting the server took, in milliseconds. */
  readonly timings: { initMs: number; startMs: number };
  /** Creates an empty database (the name must be new: lower-case letters, digits and `_`). */
  createDatabase(name: string): Promise<FreshDatabase>;
  /** Drops a database, closing any connection still open to it. */
  dropDatabase(name: string): Promise<void>;
  /** Stops the server and waits for its process to be gone, then removes its folder; safe to call again. */
  stop(): Promise<void>;
}

/** One kind of database server: find it, start private instances of it. */
export interface DatabaseServerProvider {
  readonly kind: ServerKind;
  detect(env?: NodeJS.ProcessEnv): Detection;
  start(options?: StartOptions): Promise<RunningServer>;
}

// ---------------------------------------------------------------------------------------
// What postgres.ts and mariadb.ts describe, and the shared machinery that runs it.

/** The account a server runs as: ourselves, or (when we are root) an unprivileged user. */
export interface Account {
  name: string;
  uid?: number;
  gid?: number;
}

/** A connection to the server's administrative database, opened for one task. */
export interface AdminConnection {
  /** Runs one statement and returns its rows. */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export interface ServerSpec {
  kind: ServerKind;
  version: string;
  account: Account;
  /** Fills `dataDir` with a new, empty instance. */
  init(context: { dataDir: string; run: CommandRunner }): Promise<void>;
  /** The server's command line for a data folder, a socket folder and a port. */
  command(context: { dataDir: string; dir: string; port: number }): { file: string; args: string[] };
  /** Opens an administrative connection, or rejects (the server may still be starting). */
  connect(port: number): Promise<AdminConnection>;
  /** The server's data folder as it reports it, to make sure we reached our own server. */
  dataDirectoryQuery: string;
  /**
   * The signals that stop the server, each sent when the one before did not stop it in
   * time (and then SIGKILL): a clean shutdown first, an immediate one last, which is also
   * sent, without waiting, when the process exits before `stop` finished.
   */
  stopSignals: NodeJS.Signals[];
  createDatabase(admin: AdminConnection, name: string): Promise<void>;
  dropDatabase(admin: AdminConnection, name: string): Promise<void>;
  /** The account the examples connect with: a superuser with no password (the server listens on 127.0.0.1 only). */
  username: string;
}

export type CommandRunner = (file: string, args: string[]) => Promise<string>;

export const LOOPBACK = '127.0.0.1';

/** The environment servers and their tools run with: English messages, UTC, nothing inherited that could point them elsewhere. */
function serverEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
}

/** Runs as ourselves, or as `user` when we are root (PostgreSQL and MariaDB refuse to run as root). */
function serverAccount(user: string): Account | { problem: string } {
  if (process.getuid?.() !== 0) return { name: process.env.USER ?? 'current user' };
  try {
    return { name: user, ...idsOf(user) };
  } catch {
    return {
      problem:
        `running as root, the server must run as an unprivileged user, and the user \`${user}\` does not exist ` +
        `(the Debian package creates it); create it (\`useradd --system ${user}\`) or run as a non-root user`,
    };
  }
}

/** A user's ids: from /etc/passwd when it lists the user (no process to start), else from `id`. */
function idsOf(user: string): { uid: number; gid: number } {
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // No such file here: ask `id`.
  }
  const entry = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === user);
  if (entry && /^\d+$/.test(entry[2] ?? '') && /^\d+$/.test(entry[3] ?? '')) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  const id = (flag: string): number => Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The version a server binary reports for `--version`, read with `pattern`; undefined when it does not run. */
export function versionOf(binary: string, pattern: RegExp): string | undefined {
  const output = probe(binary, ['--version']);
  return output === undefined ? undefined : pattern.exec(output)?.[1];
}


/** Asks the operating system for a free port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws unless `name` is a database name that needs no quoting on any server. */
export function checkDatabaseName(name: string): void {
  if (!NAME.test(name)) {
    throw new Error(`database name \`${name}\` must be 1 to 63 lower-case letters, digits or \`_\`, not starting with a digit`);
  }
}

/** Throws unless `account` (when it is not us) may enter `folder` and every folder above it. */
function checkSearchable(folder: string, account: Account): void {
  const { uid, gid } = account;
  if (uid === undefined || gid === undefined) return;
  for (let current = resolve(folder); ; current = dirname(current)) {
    const { mode, uid: owner, gid: group } = statSync(current);
    const searchable = owner === uid ? mode & 0o100 : group === gid ? mode & 0o010 : mode & 0o001;
    if (!searchable) {
      throw new Error(
        `\`${current}\` cannot be entered by the user \`${account.name}\` the server runs as; ` +
          'allow it (chmod o+x) or start the server in another folder',
      );
    }
    if (current === dirname(current)) return;
  }
}

/**
 * Runs the server's tools as `account`, each in a process group of its own (an install
 * script starts a server of its own); `running` holds the group ids while they run.
 */
function runAs(account: Account, cwd: string, running: Set<number>): CommandRunner {
  return (file, args) =>
    new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        cwd,
        env: serverEnvironment(),
        uid: account.uid,
        gid: account.gid,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      if (child.pid !== undefined) running.add(child.pid);
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (child.pid !== undefined) running.delete(child.pid);
        if (code === 0) resolve(output);
        else reject(new Error(`\`${file} ${args.join(' ')}\` failed (${code ?? signal}):\n${output.trim()}`));
      });
    });
}

function logTail(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  const timeout = sleep(ms, false, { signal: timer.signal }).catch(() => false);
  const finished = await Promise.race([promise.then(() => true), timeout]);
  timer.abort();
  return finished;
}

// ---------------------------------------------------------------------------------------
// Stop on every way out: the servers this process started, until each is stopped.

/** What the exit handlers need of a server: a stop to await, and a last resort that does not wait. */
export interface Stoppable {
  stop(): Promise<void>;
  abandon(): void;
}

const running = new Set<Stoppable>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  const stops = [...running].map((server) => server.stop().catch(() => undefined));
  void Promise.all(stops).then(() => {
    uninstall();
    // Nobody else handles the signal: die of it, as the process would have without us.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/** Last resort when the process exits before `stop` finished: signal the servers, remove their folders. */
function onExit(): void {
  for (const server of running) server.abandon();
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  process.removeListener('exit', onExit);
}

/**
 * Makes sure `server` is stopped when this process is interrupted (Ctrl-C, SIGTERM,
 * SIGHUP) or exits without stopping it; `start` calls it for every server. The handlers
 * are installed only while there is something to stop. Returns a function that forgets
 * the server again (`stop` calls it).
 */
export function stopOnExit(server: Stoppable): () => void {
  running.add(server);
  install();
  return () => {
    if (running.delete(server) && running.size === 0) uninstall();
  };
}

// ---------------------------------------------------------------------------------------

/** What a server module tells `serverProvider` about its kind of server. */
export interface ServerDefinition<Binaries extends { version: string }> {
  kind: ServerKind;
  /** The product's name, for messages. */
  title: string;
  /** The system user the server runs as when we are root. */
  systemUser: string;
  /** How to install the server, shown when its binaries are not found. */
  installHint: string;
  findBinaries(env: NodeJS.ProcessEnv): Binaries | undefined;
  spec(binaries: Binaries, account: Account): ServerSpec;
}

/** Makes the provider for one kind of server from what its module knows about it. */
export function serverProvider<Binaries extends { version: string }>(
  definition: ServerDefinition<Binaries>,
): DatabaseServerProvider {
  const { kind, title, systemUser, installHint } = definition;
  return {
    kind,
    detect(env = process.env) {
      const binaries = definition.findBinaries(env);
      if (!binaries) return { available: false, hint: installHint };
      const account = serverAccount(systemUser);
      if ('problem' in account) return { available: false, hint: `${title} ${binaries.version} is installed, but ${account.problem}` };
      return { available: true, version: binaries.version };
    },
    async start(options = {}) {
      const binaries = definition.findBinaries(process.env);
      if (!binaries) throw new Error(installHint);
      const account = serverAccount(systemUser);
      if ('problem' in account) throw new Error(`${title} cannot start: ${account.problem}`);
      return startServer(definition.spec(binaries, account), options);
    },
  };
}

/** Initialises and starts a server described by `spec`; retries on another port if the one picked was taken meanwhile. */
export async function startServer(spec: ServerSpec, options: StartOptions = {}): Promise<RunningServer> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const parent = options.dir ?? tmpdir();
  checkSearchable(parent, spec.account);
  const dir = await mkdtemp(join(parent, `sequelize-tutorial-${spec.kind}-`));
  // Until the server process exists, an interruption kills the tools initialising the
  // folder, and removes it. All at once, so the process dies of the signal before the
  // interrupted start fails.
  const initialising = new Set<number>();
  const abandonStart = (): void => {
    for (const group of initialising) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const forgetFolder = stopOnExit({ stop: async () => abandonStart(), abandon: abandonStart });
  try {
    if (spec.account.uid !== undefined && spec.account.gid !== undefined) {
      await chown(dir, spec.account.uid, spec.account.gid);
    }
    const dataDir = join(dir, 'data');
    const initStarted = performance.now();
    await spec.init({ dataDir, run: runAs(spec.account, dir, initialising) });
    const initMs = performance.now() - initStarted;

    for (let attempt = 1; ; attempt++) {
      const server = new PrivateServer(spec, dir, await freePort(), initMs);
      try {
        await server.launch(dataDir, deadline);
        return server;
      } catch (error) {
        await server.halt();
        const portTaken = /address already in use|bind on tcp\/ip port/i.test(logTail(server.logFile, 50));
        if (!portTaken || attempt === 3) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    forgetFolder();
  }
}

class PrivateServer implements RunningServer, Stoppable {
  readonly kind: ServerKind;
  readonly version: string;
  readonly host = LOOPBACK;
  readonly logFile: string;
  pid = 0;
  timings: { initMs: number; startMs: number };
  private child: ChildProcess | undefined;
  private stopping: Promise<void> | undefined;
  private forget: () => void = () => undefined;

  constructor(
    private readonly spec: ServerSpec,
    readonly dir: string,
    readonly port: number,
    initMs: number,
  ) {
    this.kind = spec.kind;
    this.version = spec.version;
    this.logFile = join(dir, `server-${port}.log`);
    this.timings = { initMs, startMs: 0 };
  }

  /** Spawns the server and waits until it answers on its port, as our own server. */
  async launch(dataDir: string, deadline: number): Promise<void> {
    const started = performance.now();
    const { file, args } = this.spec.command({ dataDir, dir: this.dir, port: this.port });
    // The log is a file, not a pipe: the server never blocks on, or dies with, our end of it.
    const log = openSync(this.logFile, 'a', 0o644);
    try {
      // Its own process group: Ctrl-C in a terminal reaches us, and we stop the server ourselves.
      this.child = spawn(file, args, {
        cwd: this.dir,
        env: serverEnvironment(),
        uid: this.spec.account.uid,
        gid: this.spec.account.gid,
        detached: true,
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    const child = this.child;
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    if (child.pid === undefined) throw await spawnError;
    this.pid = child.pid;
    this.forget = stopOnExit(this);
    // An unreferenced child does not keep the event loop alive: a forgotten server is
    // stopped by the exit handler instead of keeping the process from ending.
    child.unref();

    const expected = dataDir;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.kind} exited while starting (${child.exitCode ?? child.signalCode}):\n${logTail(this.logFile)}`);
      }
      if (Date.now() > deadline) throw new Error(`${this.kind} did not accept connections in time:\n${logTail(this.logFile)}`);
      const admin = await this.spec.connect(this.port).catch(() => undefined);
      if (admin) {
        try {
          const [row] = await admin.query(this.spec.dataDirectoryQuery);
          const reported = String(Object.values(row ?? {})[0] ?? '').replace(/\/$/, '');
          if (reported !== expected) {
            throw new Error(`port ${this.port} is answered by another server (data in \`${reported}\`), not ours`);
          }
        } finally {
          await admin.close();
        }
        this.timings.startMs = performance.now() - started;
        return;
      }
      await sleep(20);
    }
  }

  async createDatabase(name: string): Promise<FreshDatabase> {
    checkDatabaseName(name);
    await this.withAdmin((admin) => this.spec.createDatabase(admin, name));
    const { kind: dialect, username } = this.spec;
    return {
      name,
      url: `${dialect}://${username}@${LOOPBACK}:${this.port}/${name}`,
      options: { dialect, host: LOOPBACK, port: this.port, username, password: '', database: name },
    };
  }

  async dropDatabase(name: string): Promise<void> {
    checkDatabaseName(name);
    await this.withAdmin((admin) => this.spec.dropDatabase(admin, name));
  }

  private async withAdmin<T>(task: (admin: AdminConnection) => Promise<T>): Promise<T> {
    if (this.stopping) throw new Error(`the ${this.kind} server has been stopped`);
    const admin = await this.spec.connect(this.port);
    try {
      return await task(admin);
    } finally {
      await admin.close();
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.halt().finally(() => rm(this.dir, { recursive: true, force: true }));
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /** Stops the process by its id, escalating through the spec's signals, and waits until it is gone. */
  async halt(): Promise<void> {
    const child = this.child;
    if (child && this.pid) {
      const gone = exited(child);
      for (const signal of new Set([...this.spec.stopSignals, 'SIGKILL' as const])) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        try {
          process.kill(this.pid, signal);
        } catch {
          break; // already gone
        }
        if (await within(gone, 10_000)) break;
      }
      await gone;
    }
    this.forget();
  }

  /** Called on process exit when `stop` did not finish: no waiting is possible any more. */
  abandon(): void {
    if (this.pid && this.child?.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(this.pid, this.spec.stopSignals.at(-1) ?? 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

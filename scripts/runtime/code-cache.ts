/**
 * A V8 code cache for the CommonJS modules of installed packages (Sequelize and what it
 * loads, sequelize-cli, …), so that a process does not parse them again when an earlier
 * process already did. Preloaded with `--import` (through NODE_OPTIONS, see
 * scripts/lib/code-cache.ts) into every example process and every Node.js process an
 * example starts; it does nothing unless the environment variable below names a folder.
 *
 * Only the compiling is shared: each process still loads and runs every module itself, so
 * runs stay as isolated as before (a fresh process, its own database, its own clock).
 *
 * An entry is keyed by the module's exact source text, in a folder per Node.js version,
 * V8 version, architecture and V8 flags (a cache made under other flags would be refused).
 * It holds a checksum of the cached data, because V8 itself checks only its length: an
 * entry that does not verify, or that V8 refuses, is ignored and written again. Entries
 * are made after the process ran (so they hold the functions it compiled lazily too), each
 * written to a file of its own and renamed into place: processes running at the same
 * time read either nothing or a complete entry.
 *
 * Anything unusual falls back to Node.js's own loader for that module: a file outside
 * node_modules, a file Node.js loads as an ES module (a .js file in a "type": "module"
 * package), a module that uses `import()` (a script compiled here could not resolve it the
 * way Node.js does), a module Node.js would have to parse itself (ES module syntax in a .js
 * file), or a Node.js without `zlib.crc32`.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import { dirname, join, sep } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

/** The environment variable that names the cache's folder; unset, the cache is off. */
export const CODE_CACHE_VARIABLE = 'VERIFIED_DOCS_CODE_CACHE';

const MAGIC = 0x31434344; // "DCC1", little-endian
const HEADER_BYTES = 8; // magic, then the CRC-32 of the cached data
const PACKAGE_DIR = `${sep}node_modules${sep}`;
const DYNAMIC_IMPORT = /\bimport\s*\(/;
// Command-line options that load modules rather than set V8 flags; they do not change
// what V8 accepts, and their values (temporary paths) would split the cache.
const PRELOAD_OPTIONS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
// Node.js 20.19+ passes a third argument, the format it decided on ('module' for a .js file
// in a "type": "module" package, which it then loads as an ES module).
type Compile = (this: CjsModule, content: string, filename: string, ...rest: unknown[]) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile };
  wrapper: readonly string[];
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

// The file functions, as they are before any package replaces them: graceful-fs (loaded by
// sequelize-cli) wraps fs.closeSync with code that reads the clock, and a cache read must
// not be seen by the program, or its fixed clock would advance.
const { openSync, fstatSync, readSync, writeSync, closeSync, renameSync, mkdirSync, rmSync } = fs;

const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const installed = Symbol.for('verified-docs.code-cache');
const root = process.env[CODE_CACHE_VARIABLE];
const host = globalThis as { [installed]?: boolean };

if (root && crc32 && isMainThread && !host[installed]) {
  host[installed] = true;
  install(join(root, flavour()), crc32);
}

/** Names the cache folder for this Node.js, V8, architecture and set of V8 flags. */
function flavour(): string {
  const flags: string[] = [];
  const words = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].filter(Boolean);
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const name = word.split('=')[0] ?? '';
    if (PRELOAD_OPTIONS.has(name)) {
      if (!word.includes('=')) index++;
      continue;
    }
    if (word.startsWith('-')) flags.push(word);
  }
  const key = [process.version, process.versions.v8, process.arch, ...flags.sort()].join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function install(dir: string, checksum: (data: Uint8Array) => number): void {
  const CjsLoader = Module as unknown as ModuleInternals;
  const nodeCompile = CjsLoader.prototype._compile;
  const prefix = CjsLoader.wrapper[0] ?? '';
  // Scripts whose cached data is missing or was refused: cached when the process ends.
  const toWrite = new Map<string, Script>();

  CjsLoader.prototype._compile = function compile(content, filename, ...rest) {
    const format = rest[0];
    if ((format !== undefined && format !== 'commonjs') || !filename.includes(PACKAGE_DIR) || DYNAMIC_IMPORT.test(content)) {
      return nodeCompile.call(this, content, filename, ...rest);
    }
    // A shebang line is legal only at the very start of a script; keep its place as a comment.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const key = createHash('sha256').update(source).digest('hex');
    const cachedData = read(join(dir, key), checksum);
    let script: Script;
    try {
      script = new Script(CjsLoader.wrap(source), {
        filename,
        // The wrapper shares the first line with the module: keep its columns right in stack traces.
        columnOffset: -prefix.length,
        ...(cachedData ? { cachedData } : {}),
      });
    } catch {
      return nodeCompile.call(this, content, filename, ...rest);
    }
    if (!cachedData || script.cachedDataRejected) toWrite.set(key, script);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, makeRequire(CjsLoader, this), this, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (toWrite.size === 0) return;
    try {
      mkdirSync(dir, { recursive: true });
      for (const [key, script] of toWrite) write(join(dir, key), script.createCachedData(), checksum);
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  });
}

/** The `require` Node.js gives a module (lib/internal/modules/helpers.js, makeRequireFunction). */
function makeRequire(CjsLoader: ModuleInternals, module: CjsModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    CjsLoader._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => CjsLoader._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = CjsLoader._extensions as NodeJS.Require['extensions'];
  require.cache = CjsLoader._cache as NodeJS.Require['cache'];
  return require;
}

/** An entry's cached data, or undefined when it is missing or does not verify. */
function read(file: string, checksum: (data: Uint8Array) => number): Buffer | undefined {
  let entry: Buffer;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    entry = Buffer.allocUnsafe(fstatSync(fd).size);
    if (readSync(fd, entry, 0, entry.length, 0) !== entry.length) return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  if (entry.length <= HEADER_BYTES || entry.readUInt32LE(0) !== MAGIC) return undefined;
  const data = entry.subarray(HEADER_BYTES);
  return checksum(data) === entry.readUInt32LE(4) ? data : undefined;
}

function write(file: string, data: Buffer, checksum: (data: Uint8Array) => number): void {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(checksum(data), 4);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx');
    try {
      for (const chunk of [header, data]) {
        for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

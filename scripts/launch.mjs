// @ts-check
/**
 * The entry point of `npm run build`, `check` and `dev`: runs scripts/cli.ts compiled to
 * JavaScript with esbuild, instead of compiling the TypeScript at every start with tsx
 * (which costs about 0.2 s of CPU before any work). The compiled command line is kept in
 * `.cache/verified-docs/cli-<hash>/`, where the hash covers every file under scripts/,
 * tsconfig.json, the Node.js version and esbuild's version: any change compiles it again.
 *
 * Plain JavaScript, because Node.js 20 cannot run TypeScript by itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCRIPTS = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(SCRIPTS, '..');
const ENTRY = join(SCRIPTS, 'cli.ts');

function inputsHash() {
  const hash = createHash('sha256');
  const esbuild = createRequire(import.meta.url).resolve('esbuild/package.json');
  hash.update(`node ${process.version}\nroot ${ROOT}\nesbuild ${readFileSync(esbuild, 'utf8')}\n`);
  const tsconfig = join(ROOT, 'tsconfig.json');
  if (existsSync(tsconfig)) hash.update(`tsconfig ${readFileSync(tsconfig, 'utf8')}\n`);
  const files = readdirSync(SCRIPTS, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    const content = readFileSync(file);
    hash.update(`file ${relative(SCRIPTS, file).split(sep).join('/')} ${content.length}\n`).update(content);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Compiles the command line into `outdir`, unless a previous start already did. */
async function compile(outdir) {
  if (existsSync(join(outdir, 'cli.mjs'))) return;
  // Compiled beside the final folder and renamed into place, so that a build started at
  // the same time never runs a half-written command line.
  const staging = `${outdir}.${randomBytes(6).toString('hex')}`;
  const { build } = await import('esbuild');
  await build({
    entryPoints: [ENTRY],
    outdir: staging,
    absWorkingDir: ROOT,
    bundle: true,
    // Modules the command line imports only when needed (the markdown parser, say) stay
    // in chunks of their own, loaded only then.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    logLevel: 'error',
    plugins: [
      {
        // Modules find files beside them through import.meta.url: give each one its own
        // source file's URL, not the compiled chunk's.
        name: 'source-location',
        setup(builder) {
          builder.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
          });
        },
      },
    ],
  });
  await rename(staging, outdir).catch(async () => {
    // Another start put the same command line in place first.
    await rm(staging, { recursive: true, force: true });
  });
}

const outdir = join(ROOT, '.cache', 'verified-docs', `cli-${inputsHash()}`);
try {
  await compile(outdir);
} catch {
  // esbuild has printed what it could not compile.
  process.exit(1);
}
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(outdir, 'cli.mjs')).href);

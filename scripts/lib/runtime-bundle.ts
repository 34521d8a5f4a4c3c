import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME_DIR = fileURLToPath(new URL('../runtime/', import.meta.url));
const ENTRIES = ['capture.ts', 'module-hooks.ts', 'events.ts', 'schema-server.ts', 'schema-postgres.ts', 'schema-mariadb.ts', 'code-cache.ts'];

/**
 * Compiles the capture runtime (scripts/runtime/) to JavaScript once, into `.cache/` under
 * the repository (so it resolves the repository's packages), and returns the path of the
 * module that example processes load with `--import`. Compiled again when its source changes.
 */
export async function prepareRuntime(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const entry of ENTRIES) hash.update(await readFile(join(RUNTIME_DIR, entry)));
  const outdir = join(root, '.cache', 'verified-docs', `runtime-${hash.digest('hex').slice(0, 16)}`);
  const capture = join(outdir, 'capture.mjs');
  if (!existsSync(capture)) {
    // Built beside the final folder and renamed into place, so a concurrent build never
    // loads a half-written runtime.
    const staging = `${outdir}.${randomBytes(6).toString('hex')}`;
    const { build } = await import('esbuild');
    await build({
      entryPoints: ['capture.ts', 'module-hooks.ts', 'code-cache.ts'].map((entry) => join(RUNTIME_DIR, entry)),
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    await rename(staging, outdir).catch(async () => {
      // Another build put the same runtime in place first.
      await rm(staging, { recursive: true, force: true });
    });
  }
  return capture;
}

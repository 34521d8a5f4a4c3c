import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_CACHE_VARIABLE } from '../runtime/code-cache.ts';

/**
 * The environment that gives an example's process, and every Node.js process it starts
 * (such as sequelize-cli), the V8 code cache of scripts/runtime/code-cache.ts: NODE_OPTIONS
 * preloads it, and the variable names its folder under `.cache/`. `runtime` is the path of
 * the compiled capture runtime (runtime-bundle.ts), beside which the preload is compiled.
 */
export function codeCacheEnvironment(root: string, runtime: string, environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const preload = `--import=${pathToFileURL(join(runtime, '..', 'code-cache.mjs')).href}`;
  return {
    NODE_OPTIONS: [environment.NODE_OPTIONS, preload].filter(Boolean).join(' '),
    [CODE_CACHE_VARIABLE]: join(root, '.cache', 'verified-docs', 'code-cache'),
  };
}

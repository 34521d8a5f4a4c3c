/**
 * Module loader hooks, run on Node's loader thread in an example's process: serve the
 * example's own modules (TypeScript compiled by the runner, the entry instrumented) from
 * memory. Packages in node_modules load as usual.
 */
import type { InitializeHook, LoadHook } from 'node:module';

let compiled: Record<string, string> = {};

export const initialize: InitializeHook<{ modules: Record<string, string> }> = (data) => {
  compiled = data.modules;
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const source = compiled[url];
  if (source !== undefined) return { format: 'module', source, shortCircuit: true };
  if (/\.[cm]?tsx?$/.test(new URL(url).pathname)) {
    throw new Error(`${url} was not compiled before the run; import local modules with a static import and a relative path`);
  }
  return nextLoad(url, context);
};

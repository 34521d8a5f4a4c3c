/**
 * Module loader hooks (run on Node's loader thread): serve the instrumented example in
 * place of the file on disk. Every other module loads through tsx as usual.
 */
import type { LoadHook } from 'node:module';

let entry: { url: string; source: string } | undefined;

export function initialize(data: { url: string; source: string }): void {
  entry = data;
}

export const load: LoadHook = async (url, context, nextLoad) => {
  if (entry && url === entry.url) {
    return { format: 'module', source: entry.source, shortCircuit: true };
  }
  return nextLoad(url, context);
};

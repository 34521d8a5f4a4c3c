import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeFileAtomic } from './files.ts';
import type { VerifyResult } from './verify.ts';

export interface DevServerOptions {
  root: string;
  hugo: string;
  port: number | undefined;
  /** Verifies and writes the pages (only changed examples run, thanks to the cache). */
  update: () => Promise<VerifyResult | undefined>;
}

/**
 * Runs Hugo's server with live reload and keeps the pages verified: every save under
 * code/ or content/ re-runs the affected examples and rewrites the pages whose output
 * changed, which Hugo then re-renders and reloads in the browser.
 */
export async function serveWithLiveExamples({ root, hugo, port, update }: DevServerOptions): Promise<number> {
  await update();
  const args = ['server', '--source', root, '--bind', '127.0.0.1'];
  if (port !== undefined) args.push('--port', String(port));
  const server = spawn(hugo, args, { stdio: 'inherit' });

  const changedCode = new Set<string>();
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const rerun = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const started = performance.now();
    const changed = [...changedCode];
    changedCode.clear();
    try {
      const result = await update();
      if (result) {
        // Hugo does not watch code/, yet `fullcode` boxes show it: pages that quote a
        // changed file but whose bodies did not change are rewritten as they are, so that
        // Hugo renders them again.
        const untouched = result.pages.filter((page) => page.current === page.updated && page.examples.some((file) => changed.includes(file)));
        for (const page of untouched) await writeFileAtomic(join(root, page.file), page.current);
        console.log(`verified in ${Math.round(performance.now() - started)} ms`);
      }
    } catch (error) {
      console.error(error);
    }
    running = false;
    if (again) {
      again = false;
      void rerun();
    }
  };
  for (const dir of ['code', 'content']) {
    watch(join(root, dir), { recursive: true }, (_event, name) => {
      if (!name || name.endsWith('.tmp')) return;
      if (dir === 'code') changedCode.add(relative(root, join(root, dir, name)).split(sep).join('/'));
      clearTimeout(timer);
      timer = setTimeout(() => void rerun(), 50);
    });
  }
  return new Promise((resolve) => server.on('close', (code) => resolve(code ?? 0)));
}

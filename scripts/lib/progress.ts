import type { ExampleTiming } from './verify.ts';

export interface Progress {
  plan(files: readonly string[]): void;
  start(file: string): void;
  done(timing: ExampleTiming): void;
  /** Prints the summary: how many ran, how many came from the cache, the slowest. */
  finish(): void;
}

/**
 * Reports the examples as they run. On a terminal, one line that updates in place; in CI
 * or a pipe, one plain line per example. Either way a summary at the end.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  const running = new Set<string>();
  const timings: ExampleTiming[] = [];
  let total = 0;
  const started = performance.now();

  const redraw = (): void => {
    if (!interactive) return;
    const current = [...running].join(', ');
    const line = `[${timings.length}/${total}] ${current ? `running ${current}` : ''}`;
    stream.write(`\r\x1b[K${line.slice(0, (stream.columns || 80) - 1)}`);
  };

  return {
    plan(files) {
      total = files.length;
      redraw();
    },
    start(file) {
      running.add(file);
      redraw();
    },
    done(timing) {
      running.delete(timing.file);
      timings.push(timing);
      if (!interactive) {
        const how = timing.cached ? 'cached' : timing.ok ? 'ran   ' : 'FAILED';
        stream.write(`${how} ${timing.file} (${formatMs(timing.durationMs)})\n`);
      }
      redraw();
    },
    finish() {
      if (interactive) stream.write('\r\x1b[K');
      const ran = timings.filter((timing) => !timing.cached);
      const slowest = [...ran].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
      const failed = timings.filter((timing) => !timing.ok).length;
      stream.write(
        `${timings.length} examples: ${ran.length} ran, ${timings.length - ran.length} from cache` +
          `${failed ? `, ${failed} failed` : ''}, in ${formatMs(performance.now() - started)}` +
          `${slowest.length ? `; slowest: ${slowest.map((t) => `${t.file} ${formatMs(t.durationMs)}`).join(', ')}` : ''}\n`,
      );
    },
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

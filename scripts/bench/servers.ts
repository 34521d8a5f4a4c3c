/** What starting the build's database servers costs, timed by the project's own server modules. */
import type { DatabaseServerProvider } from '../lib/databases/database-server.ts';
import { mariadb } from '../lib/databases/mariadb.ts';
import { postgres } from '../lib/databases/postgres.ts';
import { childrenCpuMs } from './measure.ts';

export interface ServerStart {
  /** The dialect's id, which is the server's kind: `postgres`, `mariadb`. */
  kind: string;
  version: string;
  /** Filling a fresh data folder (`initdb`, `mariadb-install-db`). */
  initMs: number;
  /** From starting the server process until it answers on its port. */
  startMs: number;
  /** CPU time of the server's processes (the tools, the server until it stopped). */
  cpuMs: number;
}

const PROVIDERS: readonly DatabaseServerProvider[] = [postgres, mariadb];

/**
 * Starts and stops, one after the other, a private server for each of `kinds`, as a
 * build does on its first run on that dialect, and reports the times the server module
 * measured (`RunningServer.timings`).
 */
export async function measureServerStarts(kinds: readonly string[]): Promise<ServerStart[]> {
  const starts: ServerStart[] = [];
  for (const provider of PROVIDERS.filter((candidate) => kinds.includes(candidate.kind))) {
    const cpuBefore = childrenCpuMs();
    const server = await provider.start();
    const { initMs, startMs } = server.timings;
    await server.stop();
    starts.push({ kind: provider.kind, version: server.version, initMs, startMs, cpuMs: childrenCpuMs() - cpuBefore });
  }
  return starts;
}

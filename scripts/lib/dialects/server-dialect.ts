import type { DatabaseServerProvider, RunningServer } from '../databases/database-server.ts';
import type { Session } from '../session.ts';
import { DATABASE_URL, SHOWN_DATABASE, type Dialect } from './dialect.ts';

/**
 * A dialect served by a private database server: started once per session (on the first
 * run that needs it), stopped when the session closes, with a fresh database per run.
 */
export function serverDialect(id: string, name: string, provider: DatabaseServerProvider): Dialect {
  const servers = new WeakMap<Session, Promise<RunningServer>>();
  let runs = 0;
  return {
    id,
    name,
    liteMode: false,
    detect() {
      const detection = provider.detect();
      return detection.available ? { available: true } : detection;
    },
    async prepareRun(session) {
      let server = servers.get(session);
      if (!server) {
        server = provider.start();
        servers.set(session, server);
        const started = server;
        session.onClose(() => started.then((running) => running.stop(), () => undefined));
      }
      // Database names are lower-case letters, digits and `_`; each run gets a new one,
      // named so that it cannot be mistaken for anything else the run prints.
      const database = await (await server).createDatabase(`verified_run_${++runs}_db`);
      return { environment: { [DATABASE_URL]: database.url }, aliases: { [database.name]: SHOWN_DATABASE } };
    },
  };
}

/** The registry of dialects every example runs against, in the order pages show them. */
import { mariadb as mariadbServer } from '../databases/mariadb.ts';
import { postgres as postgresServer } from '../databases/postgres.ts';
import type { Dialect } from './dialect.ts';
import { serverDialect } from './server-dialect.ts';
import { sqlite } from './sqlite.ts';

export type { Availability, Dialect } from './dialect.ts';
export { DATABASE_URL } from './dialect.ts';

export const DIALECTS: readonly Dialect[] = [sqlite, serverDialect('postgres', 'PostgreSQL', postgresServer), serverDialect('mariadb', 'MariaDB', mariadbServer)];

/** The dialect a plain `npx tsx` run uses, and the one pages show first. */
export const DEFAULT_DIALECT: Dialect = sqlite;

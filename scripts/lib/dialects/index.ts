/** The registry of dialects every example runs against, in the order pages show them. */
import type { Dialect } from './dialect.ts';
import { sqlite } from './sqlite.ts';

export type { Dialect } from './dialect.ts';

export const DIALECTS: readonly Dialect[] = [sqlite];

/** The dialect a plain `npx tsx` run uses, and the one pages show first. */
export const DEFAULT_DIALECT: Dialect = sqlite;

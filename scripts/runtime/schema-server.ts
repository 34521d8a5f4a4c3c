/**
 * What the schema readers for database servers (schema-postgres.ts, schema-mariadb.ts)
 * share: how they run their queries, the order they list tables in, and every rewrite
 * they make of what the server returns, declared here and nowhere else.
 */

/**
 * Runs one SQL statement on a connection of its own (not the example's, so the reads are
 * neither logged nor part of the example's transactions) and returns its rows.
 */
export type SchemaQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** A rewrite of the DDL a server returns: what it changes, and why that part may not be shown as is. */
export interface Normalisation {
  dialect: 'postgres' | 'mariadb';
  pattern: RegExp;
  replacement: string;
  why: string;
}

/**
 * Every rewrite of the servers' DDL. PostgreSQL's needs none: the DDL is built from the
 * catalogue with the server's own formatting functions, which name nothing that varies
 * between runs (no OIDs; sequence and constraint names follow from the table's).
 */
export const NORMALISATIONS: readonly Normalisation[] = [
  {
    dialect: 'mariadb',
    pattern: /^(\)[^\n]*?) AUTO_INCREMENT=\d+/m,
    replacement: '$1',
    why: "the table's next auto-increment value counts the rows inserted so far, which is data, not schema",
  },
  {
    dialect: 'mariadb',
    pattern: / DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`/,
    replacement: '',
    why: "a view's definer is the account and host the example connected with, which depend on the machine",
  },
];

/** Applies the dialect's declared rewrites to one statement. */
export function normalise(dialect: Normalisation['dialect'], statement: string): string {
  let result = statement;
  for (const rule of NORMALISATIONS) if (rule.dialect === dialect) result = result.replace(rule.pattern, rule.replacement);
  return result;
}

/** Compares by code point, whatever the collation of the server or the locale of the process. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders tables so that each comes after the tables its foreign keys reference, and by
 * name where that leaves a choice; a cycle is broken at the first name. The order does
 * not depend on the history of the database, only on what it holds.
 */
export function orderTables<T>(tables: readonly T[], name: (table: T) => string, references: (table: T) => string[]): T[] {
  const remaining = [...tables].sort((a, b) => byCodePoint(name(a), name(b)));
  const placed = new Set<string>();
  const ordered: T[] = [];
  const present = new Set(remaining.map(name));
  while (remaining.length > 0) {
    const ready = remaining.findIndex((table) =>
      references(table).every((target) => target === name(table) || placed.has(target) || !present.has(target)),
    );
    const [next] = remaining.splice(ready === -1 ? 0 : ready, 1);
    if (next === undefined) break;
    placed.add(name(next));
    ordered.push(next);
  }
  return ordered;
}

/** Reads a flag however the driver returns it (`true`, `1`, `'t'`, `'1'`). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** Groups rows by the string value of one of their fields. */
export function groupBy(rows: ReadonlyArray<Record<string, unknown>>, field: string): Map<string, Array<Record<string, unknown>>> {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const row of rows) {
    const key = String(row[field]);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

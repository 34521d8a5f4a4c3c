/**
 * Reads the schema a MariaDB database holds, as DDL and table shapes: the server's own
 * SHOW CREATE TABLE and SHOW CREATE VIEW, with only the declared rewrites
 * (schema-server.ts) applied.
 */
import type { TableShape } from './events.ts';
import { byCodePoint, groupBy, normalise, orderTables, type SchemaQuery } from './schema-server.ts';

const TABLES = `
SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'VIEW')`;

const COLUMNS = `
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, ORDINAL_POSITION AS position
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()`;

/** The columns of primary keys and of foreign keys (COLUMN_KEY = 'PRI' may also mark a unique key). */
const KEY_COLUMNS = `
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, COLUMN_NAME AS column_name, ORDINAL_POSITION AS position,
       REFERENCED_TABLE_NAME AS target_table, REFERENCED_COLUMN_NAME AS target_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = DATABASE() AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)`;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** The DDL column of a SHOW CREATE result (`Create Table`, `Create View`). */
function createStatement(rows: Array<Record<string, unknown>>, column: string): string {
  return text(rows[0]?.[column]);
}

/**
 * Reads the tables and views of the connection's current database through `query`, and
 * returns their DDL in a stable order (views last), with each table's shape.
 */
export async function readMariadbSchema(query: SchemaQuery): Promise<{ statements: string[]; tables: TableShape[] }> {
  const tableRows = await query(TABLES);
  const columns = groupBy(
    [...(await query(COLUMNS))].sort((a, b) => Number(a.position) - Number(b.position)),
    'table_name',
  );
  const keyColumns = [...(await query(KEY_COLUMNS))].sort(
    (a, b) => byCodePoint(text(a.constraint_name), text(b.constraint_name)) || Number(a.position) - Number(b.position),
  );
  const primaryKeys = groupBy(keyColumns.filter((row) => text(row.constraint_name) === 'PRIMARY'), 'table_name');
  const foreignKeys = groupBy(keyColumns.filter((row) => row.target_table !== null && row.target_table !== undefined), 'table_name');

  const names = (type: string): string[] => tableRows.filter((row) => text(row.type) === type).map((row) => text(row.name));
  const tables = orderTables(
    names('BASE TABLE'),
    (name) => name,
    (name) => (foreignKeys.get(name) ?? []).map((key) => text(key.target_table)),
  );

  const statements: string[] = [];
  const shapes: TableShape[] = [];
  for (const name of tables) {
    const ddl = createStatement(await query(`SHOW CREATE TABLE ${quoteIdentifier(name)}`), 'Create Table');
    statements.push(`${normalise('mariadb', ddl)};`);
    const primary = new Set((primaryKeys.get(name) ?? []).map((row) => text(row.column_name)));
    shapes.push({
      name,
      columns: (columns.get(name) ?? []).map((column) => ({
        name: text(column.name),
        type: text(column.type),
        notNull: text(column.nullable) === 'NO',
        primaryKey: primary.has(text(column.name)),
      })),
      foreignKeys: (foreignKeys.get(name) ?? []).map((key) => ({
        column: text(key.column_name),
        table: text(key.target_table),
        to: text(key.target_column),
      })),
    });
  }
  for (const name of names('VIEW').sort(byCodePoint)) {
    const ddl = createStatement(await query(`SHOW CREATE VIEW ${quoteIdentifier(name)}`), 'Create View');
    statements.push(`${normalise('mariadb', ddl)};`);
  }
  return { statements, tables: shapes };
}

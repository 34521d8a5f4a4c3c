/**
 * What legitimately differs between what a page shows and what the reader's own terminal
 * prints, declared in one place for the reader replay (scripts/lib/reader-replay.ts).
 * Everything not listed here must match exactly.
 *
 * | what                    | page shows                  | reader's run prints            |
 * | ----------------------- | --------------------------- | ------------------------------ |
 * | the reader's project    | `<project>` (CLI examples)  | its absolute path              |
 * | an example's folder     | paths relative to the root  | paths under the reader's folder |
 * | Node.js in CLI banners  | `[Node: <node>,`            | `[Node: 20.20.2,`              |
 * | CLI time stamps         | `20240101090100-create-user.js` (fixed clock) | the real time |
 * | migration durations     | `migrated (0.007s)` (fixed clock) | the real duration         |
 * | transaction ids in SQL  | `<transaction-1>`           | random UUIDs                   |
 * | SQL log lines           | in SQL blocks, not output   | mixed into the output          |
 */
import { stableTransactionIds } from './observe.ts';

/** A CLI time stamp at the start of a generated file's name: `YYYYMMDDHHmmss-`. */
const STAMPED_NAME = /\b(\d{14})-([\w.-]+)/g;
const DURATION = /\b(migrated|reverted) \(\d+(?:\.\d+)?s\)/g;
const NODE_BANNER = /\[Node: [^,\]]+,/g;
/** Sequelize's default logging, as the build reads it (see observe.ts). */
export const SQL_LOG_LINE = /^Executing \([^)]*\): (.*)$/;

/** Makes a page's text and a reader's output comparable: time stamps and durations vary. */
export function normaliseShown(text: string): string {
  return text.replace(STAMPED_NAME, '<timestamp>-$2').replace(DURATION, '$1 (<duration>)').trimEnd();
}

/**
 * Normalises what a command printed in the reader's project like a page: the project's
 * folder becomes `<project>`, the Node.js version `<node>`, SQL log lines are dropped (the
 * pages show them in SQL blocks), then as `normaliseShown`.
 */
export function normaliseCommandOutput(text: string, projectDir: string): string {
  const lines = text
    .replaceAll(projectDir, '<project>')
    .replace(NODE_BANNER, '[Node: <node>,')
    .split('\n')
    .filter((line) => !SQL_LOG_LINE.test(line));
  return normaliseShown(lines.join('\n'));
}

/** An example's run in the reader's project, split as the build splits it. */
export interface ExampleLines {
  /** What it printed other than SQL, paths relative to the reader's project, as the build shows them. */
  output: string[];
  /** The statements it logged, with transaction ids numbered as in SQL blocks. */
  sql: string[];
}

/** Splits an example's output (stdout and stderr in order) into output and SQL, as the build does. */
export function exampleLines(text: string, projectDir: string): ExampleLines {
  const stableSql = stableTransactionIds();
  const output: string[] = [];
  const sql: string[] = [];
  const relative = text.replaceAll(`file://${projectDir}/`, '').replaceAll(`${projectDir}/`, '').replaceAll(projectDir, '.');
  for (const line of relative.split('\n')) {
    const statement = SQL_LOG_LINE.exec(line);
    if (statement?.[1] !== undefined) sql.push(stableSql(statement[1]));
    else output.push(line);
  }
  return { output, sql };
}

/**
 * The reader's own name for a file a page names with the fixed clock's time stamp
 * (`db/migrations/20240101090200-add-birthday-to-users.js`): the one among `files` with the
 * same name after its stamp. Undefined when the name has no stamp or no file matches.
 */
export function readersStampedFile(name: string, files: readonly string[]): string | undefined {
  const match = /^(.*\/)?\d{14}-([\w.-]+)$/.exec(name);
  if (!match) return undefined;
  const [, folder = '', rest] = match;
  const candidates = files.filter((file) => file.startsWith(folder) && new RegExp(`^${escapeRegExp(folder)}\\d{14}-${escapeRegExp(rest ?? '')}$`).test(file));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Replaces each stamped file name in a command (`db:migrate --to 20240101090100-create-user.js`)
 * by the name of the reader's file with the same name after its stamp, among `files`.
 */
export function withReadersStamps(command: string, files: readonly string[]): string {
  const names = files.map((file) => file.split('/').at(-1) ?? '');
  return command.replace(STAMPED_NAME, (whole, _stamp: string, rest: string) => {
    const mine = names.filter((name) => new RegExp(`^\\d{14}-${escapeRegExp(rest)}$`).test(name));
    return mine.length === 1 ? (mine[0] ?? whole) : whole;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { CaptureEvent, SchemaSnapshot } from '../runtime/events.ts';
import type { Problem } from './problem.ts';
import type { Region } from './regions.ts';

/** What one region of an example did while it ran. */
export interface RegionCapture {
  /** stdout and stderr as printed, in order, without the SQL log lines. */
  output: string;
  /** The statements Sequelize logged, without the `Executing (default): ` prefix. */
  sql: string[];
  /** The schema at the end of the region; absent when the region ended by throwing. */
  schema?: SchemaSnapshot;
  /** For a `throws` region, the error it ended with: `Name: message`. */
  error?: string;
}

/** How the example's process ended, as seen by the runner. */
export interface ProcessEnd {
  exitCode: number | null;
  signal: string | null;
  timedOutAfterMs?: number;
  /** What the process wrote to its real stderr (crashes before capture started). */
  stderr: string;
  /** Files the run left in the folder it ran in (a fresh, empty folder of its own). */
  leftFiles?: string[];
}

// Sequelize's default logging prints each statement as `Executing (<connection>): <sql>`.
// The connection is `default` or a transaction's random id, so pages show only the SQL.
const SQL_LOG_LINE = /^Executing \([^)]*\): ([^]*?)\n?$/;

// The one part of Sequelize's SQL that legitimately varies between runs: a transaction's
// random id (a UUID), which names its savepoints. Pages show `<transaction-1>`, numbered
// in order of appearance over the whole run, so the same transaction keeps its name.
const TRANSACTION_ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b/g;

/** Replaces random transaction ids in SQL log text by stable, numbered names. */
export function stableTransactionIds(labels: Map<string, string> = new Map()): (text: string) => string {
  return (text) =>
    text.replace(TRANSACTION_ID, (id) => {
      let label = labels.get(id);
      if (label === undefined) {
        label = `<transaction-${labels.size + 1}>`;
        labels.set(id, label);
      }
      return label;
    });
}

// The one part of a MariaDB error message that varies between runs: the driver names the
// server's connection id (`(conn=57, no: 1062, SQLState: 23000) Duplicate entry…`), which
// counts every connection the server has seen. Pages show `conn=<id>`.
const MARIADB_CONNECTION_ID = /\(conn=\d+, no: /g;

/** Replaces the MariaDB driver's connection ids in output and error messages by `<id>`. */
export function stableConnectionIds(text: string): string {
  return text.replace(MARIADB_CONNECTION_ID, '(conn=<id>, no: ');
}

// On PostgreSQL, an insert that must survive a unique violation (`findOrCreate`) is sent as a
// temporary function whose body is quoted with a random tag, `$func_<32 hex digits>$`.
const POSTGRES_FUNCTION_TAG = /\$func_[0-9a-f]{32}\$/g;

/** Replaces the random dollar-quote tags of PostgreSQL's temporary functions by `$func_<id>$`. */
export function stableFunctionTags(sql: string): string {
  return sql.replace(POSTGRES_FUNCTION_TAG, '$func_<id>$');
}

/**
 * What one run of an example showed, normalised: per region, the output, the SQL and the
 * schema, with what legitimately varies between runs (transaction ids, MariaDB's connection
 * ids, PostgreSQL's function tags) made stable, so that two runs of the same example
 * compare equal when they did the same thing.
 */
export interface Observation {
  captures: Map<string, RegionCapture>;
  problems: Problem[];
}

/**
 * Turns a run's event stream into an observation, and its failures into problems placed
 * at the example's line. Pure: the runner feeds it what it received.
 */
export function observeRun(
  { events, end }: { events: readonly CaptureEvent[]; end: ProcessEnd },
  example: { file: string; regions: readonly Region[] },
  /** The dialect the run was meant for: a database opened on another fails it. */
  dialect?: string,
): Observation {
  const captures = new Map<string, RegionCapture>();
  const problems: Problem[] = [];
  const regionsByName = new Map(example.regions.map((region) => [region.name, region]));
  let current: { name: string; capture: RegionCapture } | undefined;
  let failed = false;
  const stableSql = stableTransactionIds();

  for (const event of events) {
    switch (event.kind) {
      case 'enter': {
        const capture: RegionCapture = { output: '', sql: [] };
        captures.set(event.region, capture);
        current = { name: event.region, capture };
        break;
      }
      case 'exit':
        if (current) current.capture.schema = event.schema;
        current = undefined;
        break;
      case 'output': {
        if (!current) break;
        const sql = SQL_LOG_LINE.exec(event.text);
        if (sql?.[1] !== undefined) current.capture.sql.push(stableFunctionTags(stableSql(sql[1])));
        else current.capture.output += stableConnectionIds(event.text);
        break;
      }
      case 'database': {
        if (dialect === undefined || event.dialect === dialect || failed) break;
        failed = true;
        problems.push({
          rule: 'run-failed',
          file: example.file,
          message: `opened a ${event.dialect} database in a run on ${dialect}: connect with \`new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:')\` so the same program runs on every dialect`,
        });
        break;
      }
      case 'exit-call': {
        if (event.code === 0) break;
        failed = true;
        problems.push({
          rule: 'run-failed',
          ...throwSite(event.stack, example.file),
          message: `\`process.exit(${event.code})\` ended the program${current ? ` in region \`${current.name}\`` : ''}; throw an error instead, or let the program end`,
        });
        break;
      }
      case 'error': {
        const region = current ? regionsByName.get(current.name) : undefined;
        if (current && region && throwsOn(region, dialect)) {
          current.capture.error = stableConnectionIds(`${event.name}: ${event.message}`);
          current = undefined;
          break;
        }
        failed = true;
        problems.push({
          rule: 'run-failed',
          ...throwSite(event.stack, example.file),
          message: `${event.name}: ${event.message}${current ? ` (in region \`${current.name}\`)` : ''}`,
        });
        break;
      }
    }
  }

  if (end.timedOutAfterMs !== undefined) {
    const region = current ? regionsByName.get(current.name) : undefined;
    problems.push({
      rule: 'timeout',
      file: example.file,
      ...(region ? { line: region.startLine } : {}),
      message: `did not finish within ${end.timedOutAfterMs} ms${region ? ` (still in region \`${region.name}\`)` : ''}; raise the limit with --timeout <ms> if it is just slow`,
    });
    return { captures, problems };
  }

  if (end.leftFiles && end.leftFiles.length > 0) {
    problems.push({
      rule: 'dirty-run',
      file: example.file,
      message: `created ${end.leftFiles.map((name) => `\`${name}\``).join(', ')} in the folder it ran in (for a reader, their project); use \`storage: ':memory:'\` or a temporary folder of its own (fs.mkdtemp under os.tmpdir()) and remove it at the end`,
    });
  }

  const threwAsDeclared = [...captures.values()].some((capture) => capture.error !== undefined);
  if (!failed && end.exitCode !== 0 && !(threwAsDeclared && end.exitCode === 1)) {
    const detail = end.stderr.trim().split('\n').slice(-5).join('\n');
    problems.push({
      rule: 'run-failed',
      file: example.file,
      message: `exited with ${end.signal ? `signal ${end.signal}` : `code ${end.exitCode}`}${detail ? `:\n${detail}` : ''}`,
    });
  }
  for (const region of example.regions) {
    const capture = captures.get(region.name);
    if (throwsOn(region, dialect) && capture && capture.error === undefined && !failed) {
      const declared = region.throws === true ? '`throws`' : `\`throws:${(region.throws as string[]).join(',')}\``;
      problems.push({ rule: 'run-failed', file: example.file, line: region.startLine, message: `region \`${region.name}\` is declared ${declared} but finished without an error` });
    }
  }
  return { captures, problems };
}

/** Whether a region is declared to end with an error on this dialect (`throws`, or `throws:<dialects>` naming it). */
function throwsOn(region: Region, dialect: string | undefined): boolean {
  return region.throws === true || (Array.isArray(region.throws) && dialect !== undefined && region.throws.includes(dialect));
}

/** The place in the example a stack trace points at: its first frame in that file. */
function throwSite(stack: string, file: string): { file: string; line?: number; column?: number } {
  for (const match of stack.matchAll(/\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    const path = match[1] ?? '';
    if (path.endsWith(`/${file}`) || path === file) {
      return { file, line: Number(match[2]), column: Number(match[3]) };
    }
  }
  for (const match of stack.matchAll(/\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    const path = match[1] ?? '';
    const inCode = /(?:^|\/)code\/(.+)$/.exec(path);
    if (inCode && !path.includes('/node_modules/')) {
      return { file: `code/${inCode[1]}`, line: Number(match[2]), column: Number(match[3]) };
    }
  }
  return { file };
}

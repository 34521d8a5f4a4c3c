/**
 * The database-server modules against real servers: PostgreSQL and MariaDB started
 * privately, a fresh database per run, Sequelize connected through the project's drivers,
 * the schema readers' exact DDL, and the servers stopped on every way out. A server that
 * is not installed skips its tests with the install hint, or fails them with
 * `REQUIRE_DIALECTS=1` (as in CI).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import mariadbDriver from 'mariadb';
import pg from 'pg';
import { DataTypes, QueryTypes, Sequelize, type Model, type ModelStatic } from 'sequelize';
import type { DatabaseServerProvider, FreshDatabase, RunningServer } from '../scripts/lib/databases/database-server.ts';
import { mariadb } from '../scripts/lib/databases/mariadb.ts';
import { postgres } from '../scripts/lib/databases/postgres.ts';
import type { TableShape } from '../scripts/runtime/events.ts';
import { readMariadbSchema } from '../scripts/runtime/schema-mariadb.ts';
import { readPostgresSchema } from '../scripts/runtime/schema-postgres.ts';
import { NORMALISATIONS, normalise, orderTables, type SchemaQuery } from '../scripts/runtime/schema-server.ts';
import { REPO_ROOT } from './support/fixture-site.ts';

const REQUIRED = process.env.REQUIRE_DIALECTS === '1';
const HOLD = join(REPO_ROOT, 'test', 'support', 'hold-database-server.ts');

/** Whether a process runs: it exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** The processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) && isRunning(Number(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Reads `read()` until `done` holds or two seconds pass; returns the last reading. */
async function settled<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2000;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(20);
    value = read();
  }
  return value;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  for await (const line of createInterface({ input })) return line;
  throw new Error('the process printed nothing');
}

function processOwner(pid: number): number {
  const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(uid);
}

function define(sequelize: Sequelize): { Author: ModelStatic<Model>; Book: ModelStatic<Model> } {
  const Author = sequelize.define('Author', { name: { type: DataTypes.STRING, allowNull: false, unique: true } });
  const Book = sequelize.define(
    'Book',
    { title: { type: DataTypes.STRING, defaultValue: 'untitled' }, price: DataTypes.DECIMAL(6, 2) },
    { indexes: [{ fields: ['title'] }] },
  );
  Author.hasMany(Book, { onDelete: 'CASCADE' });
  Book.belongsTo(Author);
  return { Author, Book };
}

/** Runs `task` with a query function on a connection of its own to `database`. */
async function withSchemaQuery<T>(database: FreshDatabase, task: (query: SchemaQuery) => Promise<T>): Promise<T> {
  const { host, port, username, password, database: name } = database.options;
  if (database.options.dialect === 'postgres') {
    const client = new pg.Client({ host, port, user: username, password, database: name });
    await client.connect();
    try {
      return await task(async (sql) => (await client.query(sql)).rows as Array<Record<string, unknown>>);
    } finally {
      await client.end();
    }
  }
  const connection = await mariadbDriver.createConnection({ host, port, user: username, password, database: name });
  try {
    return await task(async (sql) => [...((await connection.query(sql)) as Array<Record<string, unknown>>)]);
  } finally {
    await connection.end();
  }
}

const EXPECTED_DDL: Record<string, string[]> = {
  postgres: [
    [
      'CREATE TABLE "Authors" (',
      `  id integer DEFAULT nextval('"Authors_id_seq"'::regclass) NOT NULL,`,
      '  name character varying(255) NOT NULL,',
      '  "createdAt" timestamp with time zone NOT NULL,',
      '  "updatedAt" timestamp with time zone NOT NULL,',
      '  CONSTRAINT "Authors_pkey" PRIMARY KEY (id),',
      '  CONSTRAINT "Authors_name_key" UNIQUE (name)',
      ');',
    ].join('\n'),
    [
      'CREATE TABLE "Books" (',
      `  id integer DEFAULT nextval('"Books_id_seq"'::regclass) NOT NULL,`,
      `  title character varying(255) DEFAULT 'untitled'::character varying,`,
      '  price numeric(6,2),',
      '  "createdAt" timestamp with time zone NOT NULL,',
      '  "updatedAt" timestamp with time zone NOT NULL,',
      '  "AuthorId" integer,',
      '  CONSTRAINT "Books_pkey" PRIMARY KEY (id),',
      '  CONSTRAINT "Books_AuthorId_fkey" FOREIGN KEY ("AuthorId") REFERENCES "Authors"(id) ON UPDATE CASCADE ON DELETE CASCADE',
      ');',
    ].join('\n'),
    'CREATE INDEX books_title ON "Books" USING btree (title);',
  ],
  mariadb: [
    [
      'CREATE TABLE `Authors` (',
      '  `id` int(11) NOT NULL AUTO_INCREMENT,',
      '  `name` varchar(255) NOT NULL,',
      '  `createdAt` datetime NOT NULL,',
      '  `updatedAt` datetime NOT NULL,',
      '  PRIMARY KEY (`id`),',
      '  UNIQUE KEY `name` (`name`)',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;',
    ].join('\n'),
    [
      'CREATE TABLE `Books` (',
      '  `id` int(11) NOT NULL AUTO_INCREMENT,',
      "  `title` varchar(255) DEFAULT 'untitled',",
      '  `price` decimal(6,2) DEFAULT NULL,',
      '  `createdAt` datetime NOT NULL,',
      '  `updatedAt` datetime NOT NULL,',
      '  `AuthorId` int(11) DEFAULT NULL,',
      '  PRIMARY KEY (`id`),',
      '  KEY `AuthorId` (`AuthorId`),',
      '  KEY `books_title` (`title`),',
      '  CONSTRAINT `Books_ibfk_1` FOREIGN KEY (`AuthorId`) REFERENCES `Authors` (`id`) ON DELETE CASCADE ON UPDATE CASCADE',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;',
    ].join('\n'),
  ],
};

const EXPECTED_MORE_DDL: Record<string, string[]> = {
  postgres: [
    `CREATE TYPE "enum_Topics_kind" AS ENUM ('fiction', 'essay');`,
    [
      'CREATE TABLE "Topics" (',
      `  id integer DEFAULT nextval('"Topics_id_seq"'::regclass) NOT NULL,`,
      '  kind "enum_Topics_kind" NOT NULL,',
      '  "parentId" integer,',
      '  CONSTRAINT "Topics_pkey" PRIMARY KEY (id),',
      '  CONSTRAINT "Topics_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Topics"(id) ON UPDATE CASCADE ON DELETE SET NULL',
      ');',
    ].join('\n'),
    [
      'CREATE TABLE "Shelves" (',
      '  id integer NOT NULL,',
      '  "topicId" integer,',
      '  CONSTRAINT "Shelves_pkey" PRIMARY KEY (id),',
      '  CONSTRAINT "Shelves_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topics"(id)',
      ');',
    ].join('\n'),
    ['CREATE VIEW "Fiction" AS', ' SELECT "Topics".id', '   FROM "Topics"', `  WHERE "Topics".kind = 'fiction'::"enum_Topics_kind";`].join('\n'),
  ],
  mariadb: [
    [
      'CREATE TABLE `Topics` (',
      '  `id` int(11) NOT NULL AUTO_INCREMENT,',
      "  `kind` enum('fiction','essay') NOT NULL,",
      '  `parentId` int(11) DEFAULT NULL,',
      '  PRIMARY KEY (`id`),',
      '  KEY `parentId` (`parentId`),',
      '  CONSTRAINT `Topics_ibfk_1` FOREIGN KEY (`parentId`) REFERENCES `Topics` (`id`) ON DELETE SET NULL ON UPDATE CASCADE',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;',
    ].join('\n'),
    [
      'CREATE TABLE `Shelves` (',
      '  `id` int(11) NOT NULL,',
      '  `topicId` int(11) DEFAULT NULL,',
      '  PRIMARY KEY (`id`),',
      '  KEY `Shelves_topicId_foreign_idx` (`topicId`),',
      '  CONSTRAINT `Shelves_topicId_foreign_idx` FOREIGN KEY (`topicId`) REFERENCES `Topics` (`id`)',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;',
    ].join('\n'),
    // Without its DEFINER (the account and host the example connected with).
    "CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `Fiction` AS select `Topics`.`id` AS `id` from `Topics` where `Topics`.`kind` = 'fiction';",
  ],
};

const EXPECTED_TYPES: Record<string, Record<string, string>> = {
  postgres: { id: 'integer', name: 'character varying(255)', date: 'timestamp with time zone', price: 'numeric(6,2)' },
  mariadb: { id: 'int(11)', name: 'varchar(255)', date: 'datetime', price: 'decimal(6,2)' },
};

function expectedTables(kind: string): TableShape[] {
  const type = EXPECTED_TYPES[kind] ?? {};
  const column = (name: string, columnType: string | undefined, notNull: boolean, primaryKey = false) => ({
    name,
    type: columnType ?? '',
    notNull,
    primaryKey,
  });
  return [
    {
      name: 'Authors',
      columns: [
        column('id', type.id, true, true),
        column('name', type.name, true),
        column('createdAt', type.date, true),
        column('updatedAt', type.date, true),
      ],
      foreignKeys: [],
    },
    {
      name: 'Books',
      columns: [
        column('id', type.id, true, true),
        column('title', type.name, false),
        column('price', type.price, false),
        column('createdAt', type.date, true),
        column('updatedAt', type.date, true),
        column('AuthorId', type.id, false),
      ],
      foreignKeys: [{ column: 'AuthorId', table: 'Authors', to: 'id' }],
    },
  ];
}

const readers = { postgres: readPostgresSchema, mariadb: readMariadbSchema };

function describeServer(provider: DatabaseServerProvider): void {
  const detection = provider.detect();
  const title = `a private ${provider.kind} server`;
  if (!detection.available) {
    const { hint } = detection;
    describe(title, () => {
      it('has the server installed', (t) => {
        if (REQUIRED) assert.fail(`REQUIRE_DIALECTS=1, and ${hint}`);
        // One line: a test runner's skip reason is a single line.
        t.skip(`${provider.kind} is not installed, so its tests do not run. ${hint.replaceAll(/\n\s*/g, ' ')}`);
      });
    });
    return;
  }

  describe(`${title} (${detection.version})`, () => {
    let server: RunningServer;
    before(async () => {
      server = await provider.start();
    });
    after(() => server.stop());

    it('runs from a temporary folder outside the repository, as an unprivileged user, on the loopback interface', async (t) => {
      t.diagnostic(`init ${server.timings.initMs.toFixed(0)} ms, start ${server.timings.startMs.toFixed(0)} ms`);
      assert.ok(isRunning(server.pid));
      assert.ok(server.dir.startsWith(tmpdir()), server.dir);
      assert.ok(relative(REPO_ROOT, server.dir).startsWith('..'), `${server.dir} is inside the repository`);
      assert.ok(existsSync(join(server.dir, 'data')));
      const owner = processOwner(server.pid);
      if (process.getuid?.() === 0) assert.notEqual(owner, 0, 'the server runs as root');
      else assert.equal(owner, process.getuid?.());
      assert.equal(server.host, '127.0.0.1');

      const database = await server.createDatabase('where_it_listens');
      const sequelize = new Sequelize(database.url, { logging: false });
      try {
        const sql = provider.kind === 'postgres' ? 'SHOW listen_addresses' : 'SELECT @@bind_address AS listen_addresses';
        assert.deepEqual(await sequelize.query(sql, { type: QueryTypes.SELECT }), [{ listen_addresses: '127.0.0.1' }]);
      } finally {
        await sequelize.close();
      }
    });

    it('gives each run its own empty database, which Sequelize syncs, and the reader shows its exact schema', async (t) => {
      const started = performance.now();
      const first = await server.createDatabase('run_one');
      const second = await server.createDatabase('run_two');
      t.diagnostic(`create database ${((performance.now() - started) / 2).toFixed(0)} ms`);
      assert.equal(first.url, `${provider.kind}://${first.options.username}@127.0.0.1:${server.port}/run_one`);

      const one = new Sequelize(first.url, { logging: false });
      const two = new Sequelize(second.url, { logging: false });
      try {
        const models = define(one);
        await one.sync();
        const author = await models.Author.create({ name: 'Ursula K. Le Guin' });
        await models.Book.create({ title: 'The Dispossessed', price: '9.99', AuthorId: author.get('id') });

        // The other database is untouched: no tables, until its run creates its own.
        assert.deepEqual(await two.getQueryInterface().showAllTables(), []);
        const other = define(two);
        await two.sync();
        assert.equal(await other.Book.count(), 0);
        assert.equal(await models.Book.count(), 1);

        const schema = await withSchemaQuery(first, (query) => readers[provider.kind](query));
        assert.deepEqual(schema.statements, EXPECTED_DDL[provider.kind]);
        assert.deepEqual(schema.tables, expectedTables(provider.kind));
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('shows enum types, self references and views, in an order that does not depend on history', async () => {
      const database = await server.createDatabase('more_kinds');
      const sequelize = new Sequelize(database.url, { logging: false });
      try {
        // Created before the table it references, and with a reference to itself.
        const Topic = sequelize.define('Topic', { kind: { type: DataTypes.ENUM('fiction', 'essay'), allowNull: false } }, { timestamps: false });
        Topic.belongsTo(Topic, { as: 'parent' });
        await sequelize.getQueryInterface().createTable('Shelves', { id: { type: DataTypes.INTEGER, primaryKey: true } });
        await Topic.sync();
        await sequelize.getQueryInterface().addColumn('Shelves', 'topicId', { type: DataTypes.INTEGER, references: { model: 'Topics', key: 'id' } });
        const view = provider.kind === 'postgres' ? 'CREATE VIEW "Fiction" AS SELECT id FROM "Topics" WHERE kind = \'fiction\'' : "CREATE VIEW Fiction AS SELECT id FROM Topics WHERE kind = 'fiction'";
        await sequelize.query(view);
        const schema = await withSchemaQuery(database, (query) => readers[provider.kind](query));
        assert.deepEqual(schema.statements, EXPECTED_MORE_DDL[provider.kind]);
        assert.deepEqual(
          schema.tables.map((table) => [table.name, table.foreignKeys]),
          [
            ['Topics', [{ column: 'parentId', table: 'Topics', to: 'id' }]],
            ['Shelves', [{ column: 'topicId', table: 'Topics', to: 'id' }]],
          ],
        );
      } finally {
        await sequelize.close();
      }
    });

    it('refuses to create a database that exists, or a name that would need quoting', async () => {
      await server.createDatabase('taken');
      await assert.rejects(server.createDatabase('taken'), /exists/);
      await assert.rejects(server.createDatabase('Run-1'), {
        message: 'database name `Run-1` must be 1 to 63 lower-case letters, digits or `_`, not starting with a digit',
      });
    });

    it('drops a database, ending the connections still open to it', async () => {
      const database = await server.createDatabase('dropped');
      const sequelize = new Sequelize(database.url, { logging: false, pool: { max: 1 } });
      try {
        await sequelize.authenticate();
        await server.dropDatabase('dropped');
      } finally {
        await sequelize.close().catch(() => undefined);
      }
      const again = new Sequelize(database.url, { logging: false });
      try {
        await assert.rejects(again.authenticate(), /does not exist|Unknown database/);
      } finally {
        await again.close();
      }
    });
  });

  describe(`stopping a private ${provider.kind} server`, () => {
    it('stops the process by its id, waits for it to be gone, removes the folder; again does nothing', async (t) => {
      const server = await provider.start();
      const { pid, dir } = server;
      await server.createDatabase('before_stop');
      const started = performance.now();
      await server.stop();
      t.diagnostic(`stop ${(performance.now() - started).toFixed(0)} ms`);
      assert.equal(isRunning(pid), false);
      assert.equal(existsSync(dir), false);
      await server.stop();
      await assert.rejects(server.createDatabase('after_stop'), { message: `the ${provider.kind} server has been stopped` });
    });

    it('is stopped by `await using` when the code using it throws', async () => {
      let pid = 0;
      let dir = '';
      await assert.rejects(async () => {
        await using server = await provider.start();
        ({ pid, dir } = server);
        await server.createDatabase('has-a-dash');
      }, /database name `has-a-dash`/);
      assert.ok(pid > 0);
      assert.equal(isRunning(pid), false);
      assert.equal(existsSync(dir), false);
    });

    it('leaves no process and no folder when starting fails', async () => {
      const parent = await mkdtemp(join(tmpdir(), 'database-start-failure-'));
      // Searchable by the user the server runs as, when that is not us.
      await chmod(parent, 0o755);
      try {
        await assert.rejects(provider.start({ dir: parent, timeoutMs: 1 }), /did not accept connections in time/);
        assert.deepEqual(readdirSync(parent), []);
        assert.deepEqual(processesMentioning(parent), []);
      } finally {
        await rm(parent, { recursive: true, force: true });
      }
    });

    it('says so when the server could not reach its folder', { skip: process.getuid?.() !== 0 && 'only root runs servers as another user' }, async () => {
      const parent = await mkdtemp(join(tmpdir(), 'database-private-parent-'));
      try {
        await assert.rejects(provider.start({ dir: parent }), {
          message: new RegExp(`^\`${parent}\` cannot be entered by the user \`(postgres|mysql)\` the server runs as`),
        });
        assert.deepEqual(readdirSync(parent), []);
      } finally {
        await rm(parent, { recursive: true, force: true });
      }
    });

    it('removes its folder when the process that starts it is interrupted while the server initialises', async () => {
      const parent = await mkdtemp(join(tmpdir(), 'database-interrupted-'));
      await chmod(parent, 0o755);
      try {
        const child = spawn(process.execPath, ['--import', 'tsx', HOLD, provider.kind, 'hold', parent], {
          cwd: REPO_ROOT,
          stdio: 'ignore',
        });
        const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          child.once('exit', (code, signal) => resolve({ code, signal })),
        );
        // Interrupted while the data folder is being initialised.
        while (!readdirSync(parent).some((folder) => existsSync(join(parent, folder, 'data')))) await sleep(5);
        child.kill('SIGTERM');
        assert.deepEqual(await exit, { code: null, signal: 'SIGTERM' });
        assert.deepEqual(readdirSync(parent), []);
        // SIGKILL was sent to the initialising tools before the process died; on a loaded
        // machine the kernel may take a moment to finish them.
        assert.deepEqual(await settled(() => processesMentioning(parent), (pids) => pids.length === 0), []);
      } finally {
        await rm(parent, { recursive: true, force: true });
      }
    });

    for (const { how, signal, mode } of [
      { how: 'on SIGTERM', signal: 'SIGTERM', mode: 'hold' },
      { how: 'on Ctrl-C (SIGINT)', signal: 'SIGINT', mode: 'hold' },
      { how: 'when the process exits without stopping it', signal: undefined, mode: 'exit' },
    ] as const) {
      it(`is stopped ${how} of the process that started it`, async () => {
        const child = spawn(process.execPath, ['--import', 'tsx', HOLD, provider.kind, mode], {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
        );
        const { pid, dir } = JSON.parse(await firstLine(child.stdout)) as { pid: number; dir: string };
        if (signal) {
          assert.ok(isRunning(pid));
          child.kill(signal);
        }
        const status = await exit;
        // It dies of the signal, as it would have without a server to stop.
        assert.deepEqual(status, signal ? { code: null, signal } : { code: 0, signal: null });
        assert.ok(await waitUntilGone(pid), `server process ${pid} still runs`);
        assert.equal(existsSync(dir), false);
      });
    }
  });
}

describe('what the schema readers share', () => {
  it('orders tables after the tables they reference, then by name, whatever order they came in', () => {
    const references: Record<string, string[]> = {
      Reviews: ['Books', 'Users'],
      Books: ['Authors', 'Books'],
      Users: [],
      Authors: ['Gone'],
      Cycle1: ['Cycle2'],
      Cycle2: ['Cycle1'],
    };
    const names = Object.keys(references);
    for (const input of [names, [...names].reverse()]) {
      assert.deepEqual(
        orderTables(input, (name) => name, (name) => references[name] ?? []),
        ['Authors', 'Books', 'Users', 'Reviews', 'Cycle1', 'Cycle2'],
      );
    }
  });

  it('removes exactly the declared parts of MariaDB DDL: the auto-increment counter and the view definer', () => {
    assert.equal(
      normalise('mariadb', 'CREATE TABLE `t` (\n  `AUTO_INCREMENT=1` int(11)\n) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4'),
      'CREATE TABLE `t` (\n  `AUTO_INCREMENT=1` int(11)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
    );
    assert.equal(
      normalise('mariadb', 'CREATE ALGORITHM=UNDEFINED DEFINER=`ro``ot`@`127.0.0.1` SQL SECURITY DEFINER VIEW `v` AS select 1'),
      'CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select 1',
    );
    assert.deepEqual(
      NORMALISATIONS.map((rule) => rule.dialect),
      ['mariadb', 'mariadb'],
    );
  });
});

describeServer(postgres);
describeServer(mariadb);

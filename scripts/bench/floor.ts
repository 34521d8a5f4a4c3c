/**
 * The floor of a cold build: what it would take if every run of an example cost only a
 * bare Node.js start plus the example's own work, spread evenly over the cores, followed
 * by the site steps (Hugo, then Pagefind, which need every page and so cannot overlap the
 * runs):
 *
 *   floor = (runs × bare start + Σ own work + other unavoidable work) ÷ cores + Hugo + Pagefind
 *
 * where the other unavoidable work is starting the database servers, for a build on them.
 *
 * An example's own work is measured under the build's own runner (`runExample`, from the
 * modules the build compiles, with the build's V8 flags and code cache), one run at a
 * time so that runs do not compete for the cores: its run time minus the median run time
 * of an empty program under the same runner and dialect. The difference leaves out what
 * the runner costs any program: a Node.js start, the capture runtime with its module
 * hooks and the code-cache preload, and loading Sequelize, which the capture runtime
 * imports. The build pays all that and the floor pays only a bare start. Loading Sequelize,
 * though, is an example's own work (it imports Sequelize; a reader's `npx tsx` pays for it
 * too), so it is added back for every example that imports it, as measured inside a bare
 * process after it has started, with the build's flags and code cache. The drivers, the
 * database work, and any process the example starts (sequelize-cli) fall in the
 * difference. So does what the capture runtime does while the example runs (recording
 * output and SQL, reading the schema at each region's end): that is verification's work,
 * and counting it as the example's makes the floor a little generous to the build.
 *
 * The alternative, timing the example inside its process once its modules have loaded,
 * would leave out loading Sequelize and the drivers, which no build that runs each
 * example in a process of its own can avoid: a floor nothing could reach.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeCacheEnvironment } from '../lib/code-cache.ts';
import { compileModules, findInputs } from '../lib/compile-example.ts';
import type { Dialect } from '../lib/dialects/index.ts';
import { loadExamples } from '../lib/examples.ts';
import { readPages } from '../lib/page-model.ts';
import { exampleInputs } from '../lib/execute.ts';
import { planDialects, planJobs } from '../lib/plan.ts';
import { runExample, v8Flags } from '../lib/run-example.ts';
import { Session } from '../lib/session.ts';
import { runSiteSteps } from '../lib/site-steps.ts';
import { median, timed, timedAsync } from './measure.ts';

/** One run of an example on a dialect, as the floor counts it. */
export interface RunWork {
  id: string;
  dialect: string;
  /** The run's time under the build's runner. */
  runMs: number;
  /** Its own work: `runMs` less an empty program's, plus loading Sequelize when it imports it. */
  ownMs: number;
}

export interface OwnWork {
  runs: RunWork[];
  /** Per dialect, the median time of an empty program under the runner. */
  emptyMs: Map<string, number>;
  /** Loading Sequelize inside a process, with lite mode (SQLite's runs) and without (the servers'). */
  sequelizeLoadMs: { lite: number; full: number };
}

const TIMEOUT_MS = 120_000;
const EMPTY_PROGRAM = '.bench/empty.ts';
const IMPORTS_SEQUELIZE = /\bfrom\s*['"]sequelize['"]|\bimport\s*\(?\s*['"]sequelize['"]|\brequire\(\s*['"]sequelize['"]\s*\)/;

/** The environment of this process without NODE_OPTIONS (npm or tsx may have set it): what a bare start gets. */
function bareEnvironment(): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  delete environment.NODE_OPTIONS;
  return environment;
}

/** The median time of a bare `node -e 0`, after one start to warm the file cache. */
export function bareNodeStartMs(times = 11): number {
  const start = (): number => timed(() => spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore', env: bareEnvironment() }));
  start();
  return median(Array.from({ length: times }, start));
}

/** The site steps of `npm run build` (Hugo, then Pagefind) on a site whose pages are written: the median of `times`. */
export function siteStepsMs(site: string, hugo: string, times = 3): { hugoMs: number; pagefindMs: number } {
  const measured = Array.from({ length: times }, () => {
    const steps = runSiteSteps({ root: site, hugo, stdio: 'ignore' });
    if (!steps.ok) throw new Error('Hugo or Pagefind failed while timing the site steps');
    return steps;
  });
  return { hugoMs: median(measured.map((steps) => steps.hugoMs)), pagefindMs: median(measured.map((steps) => steps.pagefindMs)) };
}

/**
 * Runs every job the build would make on `dialects`, one at a time, under the build's
 * runner, and works out each one's own work (see the top of this module). The servers
 * start on the first run that needs them (not counted) and stop at the end.
 */
export async function measureOwnWork(site: string, dialects: readonly Dialect[], onRun?: (work: RunWork) => void): Promise<OwnWork> {
  const session = new Session({ root: site, cacheMode: 'write-only' });
  try {
    const { examples } = await loadExamples(site, await readPages(session));
    const { dialectsOf } = await planDialects(examples.values(), (file) => exampleInputs(session, file));
    const jobs = planJobs(examples.values(), dialects, dialectsOf);
    const runtime = await session.runtime();
    const sequelizeLoadMs = { lite: sequelizeLoad(site, runtime, true), full: sequelizeLoad(site, runtime, false) };

    await mkdir(join(site, '.bench'), { recursive: true });
    await writeFile(join(site, EMPTY_PROGRAM), 'export {};\n');
    const emptyModules = { [pathToFileURL(join(site, EMPTY_PROGRAM)).href]: 'export {};\n' };
    const emptyMs = new Map<string, number>();
    for (const dialect of dialects) {
      const times: number[] = [];
      // The first run starts the dialect's server, and is not counted.
      for (let run = 0; run <= 5; run++) {
        const prepared = await dialect.prepareRun(session, { id: `${EMPTY_PROGRAM}@${dialect.id}` });
        const { ms } = await timedAsync(() => runExample({ root: site, file: EMPTY_PROGRAM, modules: emptyModules, runtime, timeoutMs: TIMEOUT_MS, ...prepared, liteMode: dialect.liteMode }));
        if (run > 0) times.push(ms);
      }
      emptyMs.set(dialect.id, median(times));
    }

    const runs: RunWork[] = [];
    for (const job of jobs) {
      const inputs = await findInputs(site, job.example.file);
      if ('problems' in inputs) throw new Error(`${job.example.file} cannot be compiled: ${inputs.problems.map((problem) => problem.message).join('; ')}`);
      const compiled = await compileModules(site, inputs, job.example.regions);
      if ('problems' in compiled) throw new Error(`${job.example.file} cannot be compiled: ${compiled.problems.map((problem) => problem.message).join('; ')}`);
      const prepared = await job.dialect.prepareRun(session, job);
      const { ms } = await timedAsync(() =>
        runExample({ root: site, file: job.example.file, modules: compiled.modules, runtime, timeoutMs: TIMEOUT_MS, ...prepared, liteMode: job.dialect.liteMode }),
      );
      const importsSequelize = [...inputs.contents.values()].some((source) => IMPORTS_SEQUELIZE.test(source));
      const loading = importsSequelize ? (job.dialect.liteMode ? sequelizeLoadMs.lite : sequelizeLoadMs.full) : 0;
      const work = { id: job.id, dialect: job.dialect.id, runMs: ms, ownMs: Math.max(0, ms - (emptyMs.get(job.dialect.id) ?? 0)) + loading };
      runs.push(work);
      onRun?.(work);
    }
    return { runs, emptyMs, sequelizeLoadMs };
  } finally {
    await session.close();
    await rm(join(site, '.bench'), { recursive: true, force: true });
  }
}

/**
 * How long `require('sequelize')` takes inside a process that has started, with the flags
 * and the code cache of the build's runs (the median of five, after one that fills the
 * file cache).
 */
function sequelizeLoad(site: string, runtime: string, liteMode: boolean): number {
  const script = "const t = performance.now(); require('sequelize'); process.stdout.write(String(performance.now() - t));";
  const environment = bareEnvironment();
  const once = (): number => {
    const child = spawnSync(process.execPath, [...v8Flags(liteMode), '-e', script], {
      cwd: site,
      encoding: 'utf8',
      env: { ...environment, ...codeCacheEnvironment(site, runtime, environment) },
    });
    const ms = Number(child.stdout);
    if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`timing require('sequelize') failed:\n${child.stderr}`);
    return ms;
  };
  once();
  return median(Array.from({ length: 5 }, once));
}

/** The floor of a cold build, in milliseconds (see the top of this module). */
export function floorMs(parts: { runs: readonly RunWork[]; bareStartMs: number; otherWorkMs?: number; cores: number; siteMs: number }): number {
  const ownMs = parts.runs.reduce((sum, run) => sum + run.ownMs, 0);
  return (parts.runs.length * parts.bareStartMs + ownMs + (parts.otherWorkMs ?? 0)) / parts.cores + parts.siteMs;
}

/**
 * `npm run bench`: measures the verified build on this machine, in one run, on a
 * temporary copy of the repository (the working tree is never touched):
 *
 *   - the naive baseline: every example run one after another with `npx tsx <file>` (SQLite);
 *   - a cold build (`npm run build`, empty cache) on SQLite alone (`DIALECTS=sqlite`), its
 *     ratio to the baseline, and its CPU time;
 *   - the floor (scripts/bench/floor.ts): what that build would take if every run cost
 *     only a bare Node.js start plus the example's own work, over the cores, plus Hugo and
 *     Pagefind; and how far the build is from it;
 *   - a warm build, and a build after editing one example;
 *   - the same cold figures on SQLite, PostgreSQL and MariaDB, their ratio to the (SQLite)
 *     baseline, and what starting the two database servers costs;
 *   - the peak memory of a cold build, on SQLite alone and on the three dialects, each
 *     sampled in a run of its own so that sampling does not slow the timed ones;
 *   - live preview: from saving an example (in place, then by rename as many editors do)
 *     to `npm run dev` serving the updated page.
 *
 * It ends with a markdown table for the README, and how the figures compare with the targets.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { measureBuild, measureEditedBuild, measureLivePreview, type BuildRun } from './bench/builds.ts';
import { bareNodeStartMs, floorMs, measureOwnWork, siteStepsMs, type OwnWork } from './bench/floor.ts';
import { childrenCpuMs, megabytes, ratio, seconds, timed } from './bench/measure.ts';
import { measureServerStarts, type ServerStart } from './bench/servers.ts';
import { chooseDialects } from './lib/dialects/choose.ts';
import { DEFAULT_DIALECT } from './lib/dialects/index.ts';
import { isProgram } from './lib/examples.ts';
import { findHugo } from './lib/hugo.ts';
import { SITE_RECORD } from './lib/site-freshness.ts';
import { referencedExamples } from './lib/verify.ts';
import { createTempSite, SOURCES } from './site/temp-site.ts';

/** Everything one dialect set's builds gave. */
interface BuildFigures {
  dialects: string[];
  cold: BuildRun;
  warm: BuildRun;
  warmSiteSteps: BuildRun;
  edited: BuildRun;
  memory: BuildRun;
  runs: number;
  floorMs: number;
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const all = chooseDialects({ required: false });
  const sqliteOnly = [DEFAULT_DIALECT.id];
  const everyDialect = all.unverified.length === 0 ? all.active.map((dialect) => dialect.id) : undefined;
  const site = await createTempSite({ copy: SOURCES, linkPackages: true, prefix: 'bench-site-' });
  try {
    const examples = (await referencedExamples(site)).filter(isProgram);
    console.log(`Benchmarking ${examples.length} examples in ${site} (Node.js ${process.version}, ${cores} cores)`);
    for (const { dialect, hint } of all.unverified) console.log(`${dialect} is missing here, so the three-dialect figures are skipped: ${hint}`);
    console.log();

    // An example that ends with a declared error exits non-zero; that is its point, so
    // exit codes are not checked here (the build checks every one).
    const naiveCpuBefore = childrenCpuMs();
    const naiveMs = timed(() => {
      for (const file of examples) spawnSync('npx', ['tsx', file], { cwd: site, stdio: 'ignore' });
    });
    const naive = { ms: naiveMs, cpuMs: childrenCpuMs() - naiveCpuBefore };
    step('naive baseline, `npx tsx` one after another (SQLite)', `${seconds(naive.ms)} (CPU ${seconds(naive.cpuMs)})`);

    const sqlite = await buildSteps(site, sqliteOnly);
    const three = everyDialect ? await buildSteps(site, everyDialect) : undefined;

    // The floor's parts, measured once the caches the build's runs use are warm.
    const bareStartMs = bareNodeStartMs();
    step('bare Node.js start (`node -e 0`, median)', `${bareStartMs.toFixed(0)} ms`);
    const siteSteps = siteStepsMs(site, findHugo(site).path);
    const siteMs = siteSteps.hugoMs + siteSteps.pagefindMs;
    step('site steps (median of 3)', `Hugo ${seconds(siteSteps.hugoMs)}, Pagefind ${seconds(siteSteps.pagefindMs)}`);
    const work = await measureOwnWork(site, everyDialect ? all.active : all.active.filter((dialect) => dialect.id === DEFAULT_DIALECT.id));
    step('runs under the build\'s runner, one at a time', ownWorkSummary(work));
    const servers = everyDialect ? await measureServerStarts(everyDialect) : [];
    for (const server of servers) step(`starting ${server.kind} ${server.version}`, serverStart(server));
    const serverStartMs = servers.reduce((sum, server) => sum + server.initMs + server.startMs, 0);

    const sqliteRuns = work.runs.filter((run) => run.dialect === DEFAULT_DIALECT.id);
    const sqliteFigures = { ...sqlite, memory: await memoryStep(site, sqliteOnly), runs: sqliteRuns.length, floorMs: floorMs({ runs: sqliteRuns, bareStartMs, cores, siteMs }) };
    const threeFigures =
      three && everyDialect
        ? { ...three, memory: await memoryStep(site, everyDialect), runs: work.runs.length, floorMs: floorMs({ runs: work.runs, bareStartMs, otherWorkMs: serverStartMs, cores, siteMs }) }
        : undefined;

    const preview = await measureLivePreview(site);
    step('live preview, save → page served (`npm run dev`)', `${seconds(preview.inPlaceMs)} (by rename ${seconds(preview.byRenameMs)})`);

    console.log(`\nFloor = (runs × bare start ${bareStartMs.toFixed(0)} ms + Σ own work${threeFigures ? ' [+ server starts]' : ''}) ÷ ${cores} cores + Hugo ${seconds(siteSteps.hugoMs)} + Pagefind ${seconds(siteSteps.pagefindMs)}.`);
    console.log(`Own work = run time under the build's runner − an empty program's (${[...work.emptyMs].map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}) + loading Sequelize (${work.sequelizeLoadMs.lite.toFixed(0)} ms in lite mode, ${work.sequelizeLoadMs.full.toFixed(0)} ms without) when the example imports it.\n`);
    printTable({ examples: examples.length, naive, sqlite: sqliteFigures, three: threeFigures, servers, preview });
  } finally {
    await rm(site, { recursive: true, force: true });
  }
}

/** Cold, warm and one-edit builds on some dialects, each printed as it is measured. */
async function buildSteps(site: string, dialects: string[]): Promise<{ dialects: string[]; cold: BuildRun; warm: BuildRun; warmSiteSteps: BuildRun; edited: BuildRun }> {
  const on = dialectsLabel(dialects);
  const cold = await measureBuild(site, { dialects, cold: true });
  step(`cold build, ${on}`, `${seconds(cold.ms)} (CPU ${seconds(cold.cpuMs)})`);
  const warm = await measureBuild(site, { dialects });
  step(`warm build, ${on}`, seconds(warm.ms));
  // The same, as builds were before they skipped the site steps: Hugo and Pagefind run.
  await rm(join(site, SITE_RECORD), { force: true });
  const warmSiteSteps = await measureBuild(site, { dialects });
  step(`warm build with Hugo and Pagefind run anyway, ${on}`, seconds(warmSiteSteps.ms));
  const edited = await measureEditedBuild(site, dialects);
  step(`one example edited, ${on}`, seconds(edited.ms));
  return { dialects, cold, warm, warmSiteSteps, edited };
}

async function memoryStep(site: string, dialects: string[]): Promise<BuildRun> {
  const memory = await measureBuild(site, { dialects, cold: true, sampleMemory: true });
  step(`peak memory of a cold build, ${dialectsLabel(dialects)}`, memoryFigure(memory));
  return memory;
}

function dialectsLabel(dialects: readonly string[]): string {
  return dialects.length === 1 ? `${dialects[0]} only` : dialects.join(' + ');
}

function step(what: string, figure: string): void {
  console.log(`${`${what} `.padEnd(62, '.')} ${figure}`);
}

function ownWorkSummary(work: OwnWork): string {
  const byDialect = new Map<string, { runs: number; runMs: number; ownMs: number }>();
  for (const run of work.runs) {
    const sums = byDialect.get(run.dialect) ?? { runs: 0, runMs: 0, ownMs: 0 };
    byDialect.set(run.dialect, { runs: sums.runs + 1, runMs: sums.runMs + run.runMs, ownMs: sums.ownMs + run.ownMs });
  }
  return [...byDialect].map(([id, sums]) => `${id}: ${sums.runs} runs, ${seconds(sums.runMs)}, own work ${seconds(sums.ownMs)}`).join('; ');
}

function serverStart(server: ServerStart): string {
  return `init ${seconds(server.initMs)} + start ${seconds(server.startMs)} (CPU ${seconds(server.cpuMs)})`;
}

interface Results {
  examples: number;
  naive: { ms: number; cpuMs: number };
  sqlite: BuildFigures;
  three: BuildFigures | undefined;
  servers: ServerStart[];
  preview: { inPlaceMs: number; byRenameMs: number };
}

/** The markdown table the README takes, then the targets. */
function printTable({ examples, naive, sqlite, three, servers, preview }: Results): void {
  const missing = 'not measured (a dialect is missing)';
  const row = (what: string, bySqlite: string, byThree: string | undefined): void => console.log(`| ${what} | ${bySqlite} | ${byThree ?? missing} |`);
  const both = (figure: (build: BuildFigures) => string): [string, string | undefined] => [figure(sqlite), three && figure(three)];
  const MB = 1024 * 1024;

  console.log(`| ${examples} examples, ${availableParallelism()} cores, Node.js ${process.version} | SQLite only (\`DIALECTS=sqlite\`) | SQLite, PostgreSQL, MariaDB |`);
  console.log('| --- | --- | --- |');
  row('naive baseline: `npx tsx <file>` for each example, one after another (SQLite)', `${seconds(naive.ms)} (CPU ${seconds(naive.cpuMs)})`, '');
  row('runs of examples in a build', ...both((build) => String(build.runs)));
  row('cold build (`npm run build`, empty cache, Hugo and Pagefind included)', ...both((build) => `${seconds(build.cold.ms)} (CPU ${seconds(build.cold.cpuMs)})`));
  row('cold build ÷ naive baseline', ...both((build) => `${ratio(build.cold.ms, naive.ms)} (CPU ${ratio(build.cold.cpuMs, naive.cpuMs)})`));
  row('floor: (runs × bare Node.js start + own work) ÷ cores + Hugo + Pagefind', ...both((build) => seconds(build.floorMs)));
  row('cold build ÷ floor', ...both((build) => `${ratio(build.cold.ms, build.floorMs)} (${seconds(build.cold.ms - build.floorMs)} above it)`));
  row('starting the database servers (init + start), in the floor', '', three && servers.map((server) => `${server.kind} ${seconds(server.initMs + server.startMs)}`).join(', '));
  row('warm build, nothing changed', ...both((build) => seconds(build.warm.ms)));
  row('warm build with Hugo and Pagefind run anyway (as before builds skipped them)', ...both((build) => seconds(build.warmSiteSteps.ms)));
  row('build after editing one example', ...both((build) => seconds(build.edited.ms)));
  row('peak memory of a cold build, all processes (PSS; resident sets added up)', ...both((build) => memoryFigure(build.memory)));
  // `npm run dev` verifies every dialect the machine has.
  const saved = `${seconds(preview.inPlaceMs)} (by rename ${seconds(preview.byRenameMs)})`;
  const previewRow = 'live preview: saving an example until `npm run dev` serves the new page';
  if (three) row(previewRow, '', saved);
  else row(`${previewRow} (on the dialects this machine has)`, saved, undefined);

  const verdict = (met: boolean): string => (met ? 'met' : '**not met**');
  const sqliteRatio = sqlite.cold.ms / naive.ms;
  console.log('\nTargets:');
  console.log(`- cold build on SQLite ≤ 0.25 × naive baseline: ${ratio(sqlite.cold.ms, naive.ms)}, ${verdict(sqliteRatio <= 0.25)}`);
  if (three) console.log(`- cold build on three dialects ≤ 0.5 × SQLite naive baseline: ${ratio(three.cold.ms, naive.ms)}, ${verdict(three.cold.ms / naive.ms <= 0.5)}`);
  for (const build of [sqlite, three]) {
    if (build) console.log(`- peak memory < 600 MB, ${dialectsLabel(build.dialects)}: ${memoryFigure(build.memory)}, ${verdict((build.memory.peakPssBytes ?? 0) < 600 * MB)}`);
  }
}

await main();

/** Peak memory as proportional sets (the figure the target is about), with the resident sets' sum beside it. */
function memoryFigure(build: BuildRun): string {
  return `${megabytes(build.peakPssBytes ?? 0)} (RSS ${megabytes(build.peakRssBytes ?? 0)})`;
}

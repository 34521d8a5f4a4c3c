/**
 * The clock of every sequelize-cli process the examples start (see cli-project.ts).
 *
 * The CLI names the files it generates after the current time, and reports how long each
 * migration took. With this clock both come out the same on every run: it starts at the
 * instant given in the environment variable `CLI_CLOCK_START` (milliseconds since 1970,
 * UTC) and moves forward one millisecond each time it is read, like
 * `../support/fixed-clock.ts` in the examples themselves.
 *
 * The CLI's process preloads this module with `node --import`. Node.js 20 cannot load
 * TypeScript, so the module is written in the part of TypeScript that is also JavaScript
 * (no type annotations: the proxy's handler gets its types from `Proxy`), and
 * cli-project.ts gives the CLI a copy of it as it is, named `.mjs`. Without the variable,
 * importing it changes nothing: cli-project.ts imports it only for the variable's name.
 */
// dialects: sqlite (the clock of the CLI pages' sequelize-cli processes, which use SQLite)
export const CLOCK_START_VARIABLE = 'CLI_CLOCK_START';

const startSetting = process.env[CLOCK_START_VARIABLE];
if (startSetting !== undefined) {
  process.env.TZ = 'UTC';

  const RealDate = Date;
  const start = Number(startSetting);
  let reads = 0;
  const currentTime = () => start + reads++;

  // `new Date()` and `Date.now()` read the clock; any explicit date passes through
  // unchanged, and dates made before the clock was installed are still dates.
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [currentTime()] : args, newTarget);
    },
    get(target, property, receiver) {
      return property === 'now' ? currentTime : Reflect.get(target, property, receiver);
    },
  });
}

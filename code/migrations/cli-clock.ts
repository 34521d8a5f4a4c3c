/**
 * The clock of every sequelize-cli process the examples start (see cli-project.ts).
 *
 * The CLI names the files it generates after the current time, and reports how long each
 * migration took. With this clock both come out the same on every run: it starts at the
 * instant given in the environment variable `CLI_CLOCK_START` (milliseconds since 1970,
 * UTC) and moves forward one millisecond each time it is read, like
 * `../support/fixed-clock.ts` in the examples themselves.
 *
 * The CLI's process preloads this module with `node --import`. Without the variable,
 * importing it changes nothing: cli-project.ts imports it only for the variable's name.
 */
export const CLOCK_START_VARIABLE = 'CLI_CLOCK_START';

const startSetting = process.env[CLOCK_START_VARIABLE];
if (startSetting !== undefined) {
  process.env.TZ = 'UTC';

  const RealDate = Date;
  const start = Number(startSetting);
  let reads = 0;

  const currentTime = (): number => start + reads++;

  class CliClockDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) {
        super(currentTime());
      } else {
        // Any explicit date (a string, a number, year/month/day...) passes through unchanged.
        super(...(args as [number, number, number, number, number, number, number]));
      }
    }

    static override now(): number {
      return currentTime();
    }

    // Dates made before the clock was installed are still dates.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }

  globalThis.Date = CliClockDate as DateConstructor;
}

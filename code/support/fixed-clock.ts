/**
 * Makes every run print the same timestamps, so the tutorial pages can show them.
 *
 * Importing this module pins the time zone to UTC and replaces the global `Date`
 * with one whose clock starts at 2024-01-01 09:00:00 UTC and moves forward by one
 * millisecond each time the current time is read. Time still advances (an update
 * gets a later `updatedAt` than the insert), but identically on every machine.
 */
// Sequelize and the libraries it loads read the time while they load. Loading them
// before the clock is installed keeps those reads from shifting the timestamps, so a
// plain run and the build's run (which loads Sequelize first) print the same times.
import 'sequelize';

process.env.TZ = 'UTC';

const RealDate = Date;
const start = RealDate.UTC(2024, 0, 1, 9, 0, 0, 0);
let reads = 0;

function currentTime(): number {
  return start + reads++;
}

class FixedClockDate extends RealDate {
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

globalThis.Date = FixedClockDate as DateConstructor;

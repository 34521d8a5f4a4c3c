/**
 * Makes every run print the same timestamps, so the tutorial pages can show them.
 *
 * Importing this module pins the time zone to UTC and replaces the global `Date`
 * with one whose clock starts at 2024-01-01 09:00:00 UTC and moves forward by one
 * millisecond each time a date of the current time is made (`new Date()`, `Date()`).
 * Time still advances (an update gets a later `updatedAt` than the insert), but
 * identically on every machine. `Date.now()` reads the clock without moving it: a
 * database server's connection pool reads it from timers, as often as the run's real
 * duration allows, and those reads must not shift the timestamps.
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

function peekTime(): number {
  return start + reads;
}

// A stand-in for the Date constructor that makes real Date objects: they print, compare
// and serialise exactly as dates do in a program without this clock.
const FixedClockDate = function Date(this: unknown, ...args: unknown[]): Date | string {
  // Called without `new`, Date returns the current time as a string.
  if (new.target === undefined) return new RealDate(currentTime()).toString();
  const date: Date = args.length === 0 ? new RealDate(currentTime()) : new RealDate(...(args as [number, number, number, number, number, number, number]));
  // A subclass (`class Stamp extends Date`) keeps its own prototype.
  if (new.target !== FixedClockDate) Object.setPrototypeOf(date, (new.target as { prototype: object }).prototype);
  return date;
} as unknown as DateConstructor;

Object.setPrototypeOf(FixedClockDate, RealDate);
Object.defineProperty(FixedClockDate, 'prototype', { value: RealDate.prototype });
Object.defineProperty(FixedClockDate, 'now', { value: peekTime, writable: true, configurable: true });

globalThis.Date = FixedClockDate;

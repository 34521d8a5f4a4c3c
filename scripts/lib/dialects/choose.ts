import { closestName, type Problem } from '../problem.ts';
import type { Dialect } from './dialect.ts';
import { DIALECTS } from './index.ts';

/** The environment variable that limits `build`, `check` and `dev` to some dialects: `DIALECTS=sqlite,postgres`. */
export const DIALECTS_VARIABLE = 'DIALECTS';

export interface DialectChoice {
  active: Dialect[];
  /** Dialects not verified (left out, or missing on this machine), with how to verify them. */
  unverified: Array<{ dialect: string; hint: string }>;
  problems: Problem[];
}

export interface ChooseOptions {
  /** Every dialect must be verified (CI's `REQUIRE_DIALECTS=1`): one that is not is a problem. */
  required: boolean;
  /** The ids `DIALECTS` names (see `readDialectSelection`); every dialect when undefined. */
  selected?: readonly string[] | undefined;
}

/**
 * Reads the value of `DIALECTS`, a comma-separated list of dialect ids: the ids it names
 * (undefined when it is unset: every dialect), or an error that lists the known ids.
 */
export function readDialectSelection(value: string | undefined, dialects: readonly Dialect[] = DIALECTS): { selected: string[] | undefined } | { error: string } {
  if (value === undefined) return { selected: undefined };
  const selected = [...new Set(value.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
  const known = dialects.map((dialect) => dialect.id);
  if (selected.length === 0) {
    return { error: `${DIALECTS_VARIABLE} is set but names no dialect; name some of ${known.join(', ')} (comma-separated), or unset it to verify every dialect` };
  }
  const unknown = unknownDialects(selected, dialects);
  return unknown ? { error: unknown } : { selected };
}

/** The message for ids that name no dialect, or undefined when every id is known. */
function unknownDialects(selected: readonly string[], dialects: readonly Dialect[]): string | undefined {
  const known = dialects.map((dialect) => dialect.id);
  const unknown = selected.filter((id) => !known.includes(id));
  if (unknown.length === 0) return undefined;
  const named = unknown
    .map((id) => {
      const suggestion = closestName(id, known);
      return `\`${id}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`;
    })
    .join(', ');
  return `${DIALECTS_VARIABLE} names ${unknown.length === 1 ? 'an unknown dialect' : 'unknown dialects'}: ${named}; the known dialects are ${known.join(', ')}`;
}

/**
 * The dialects to verify: those `DIALECTS` selects (all by default) that this machine can
 * run. One left out, or one the machine cannot run, is skipped and reported (its bodies
 * stay as the pages hold them), or, when every dialect is required, a problem.
 */
export function chooseDialects({ required, selected }: ChooseOptions, dialects: readonly Dialect[] = DIALECTS): DialectChoice {
  const active: Dialect[] = [];
  const unverified: Array<{ dialect: string; hint: string }> = [];
  const problems: Problem[] = [];
  const problem = (dialect: Dialect, message: string): void => {
    problems.push({ rule: 'unavailable-dialect', file: 'scripts/lib/dialects', dialect: dialect.id, message });
  };
  const unknown = selected && unknownDialects(selected, dialects);
  if (unknown) problems.push({ rule: 'internal', file: 'scripts/lib/dialects', message: unknown });
  for (const dialect of dialects) {
    if (selected && !selected.includes(dialect.id)) {
      const setting = `${DIALECTS_VARIABLE}=${selected.join(',')}`;
      if (required) problem(dialect, `${dialect.name} is left out by ${setting}, and REQUIRE_DIALECTS=1 requires every dialect; unset ${DIALECTS_VARIABLE}, or add ${dialect.id} to it`);
      else unverified.push({ dialect: dialect.id, hint: `left out by ${setting}; unset ${DIALECTS_VARIABLE}, or add ${dialect.id} to it, to verify it` });
      continue;
    }
    const availability = dialect.detect();
    if (availability.available) {
      active.push(dialect);
    } else if (required) {
      problem(dialect, `${dialect.name} cannot be verified on this machine, and REQUIRE_DIALECTS=1 requires every dialect: ${availability.hint}`);
    } else {
      unverified.push({ dialect: dialect.id, hint: availability.hint });
    }
  }
  return { active, unverified, problems };
}

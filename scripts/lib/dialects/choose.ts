import type { Problem } from '../problem.ts';
import type { Dialect } from './dialect.ts';
import { DIALECTS } from './index.ts';

/**
 * The dialects this machine can verify. One it cannot is skipped and reported (its bodies
 * stay as the pages hold them), or, when every dialect is required, a problem.
 */
export function chooseDialects(required: boolean): { active: Dialect[]; unverified: Array<{ dialect: string; hint: string }>; problems: Problem[] } {
  const active: Dialect[] = [];
  const unverified: Array<{ dialect: string; hint: string }> = [];
  const problems: Problem[] = [];
  for (const dialect of DIALECTS) {
    const availability = dialect.detect();
    if (availability.available) {
      active.push(dialect);
    } else if (required) {
      problems.push({
        rule: 'unavailable-dialect',
        file: 'scripts/lib/dialects',
        dialect: dialect.id,
        message: `${dialect.name} cannot be verified on this machine, and REQUIRE_DIALECTS=1 requires every dialect: ${availability.hint}`,
      });
    } else {
      unverified.push({ dialect: dialect.id, hint: availability.hint });
    }
  }
  return { active, unverified, problems };
}

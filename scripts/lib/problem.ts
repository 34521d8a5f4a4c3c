/**
 * The one kind of problem the build reports: attached to the place a person must fix,
 * with the rule it breaks, so tools and tests can tell problems apart by more than text.
 */
export type Rule =
  /** A page's shortcodes cannot be read (unclosed, stray closing tag, bad arguments). */
  | 'page-syntax'
  /** A block names an option that is neither Hugo's nor one of our views. */
  | 'unknown-option'
  /** A block shows code or output typed by hand instead of quoting an example. */
  | 'unbound-block'
  /** A page names an example or a region that does not exist. */
  | 'missing-reference'
  /** An example's `#region` markers are malformed. */
  | 'region-syntax'
  /** An example or a module it imports does not compile (syntax). */
  | 'compile-error'
  /** An example failed: threw, exited with an error, or was killed. */
  | 'run-failed'
  | 'timeout'
  /** A block's view has nothing to show (no output, no SQL, no schema). */
  | 'empty-view'
  /** A block's body is larger than its limit. */
  | 'budget'
  /** Two runs of the same example showed different things. */
  | 'unstable-output'
  /** An example does not type-check. */
  | 'type-error'
  /** A `dialects:` declaration is malformed, or a program runs on a server without reading DATABASE_URL. */
  | 'dialects'
  /** A dialect cannot be verified on this machine, and every dialect is required (`REQUIRE_DIALECTS=1`). */
  | 'unavailable-dialect'
  /** A run created or changed files in the repository. */
  | 'dirty-run'
  /** An unexpected error inside the build itself: a bug to report, not a page to fix. */
  | 'internal';

/** A problem found while building, attached to the place a person must fix. */
export interface Problem {
  rule: Rule;
  /** Path relative to the repository root, e.g. `content/docs/x.md` or `code/x.ts`. */
  file: string;
  /** 1-based line, when the problem has a place inside the file. */
  line?: number;
  column?: number;
  message: string;
  /** The database the run used, when the problem belongs to one dialect's run. */
  dialect?: string;
  /** What else the problem caused (blocks left unverified), printed on a line of its own. */
  consequence?: string;
}

/** Formats a problem the way editors and terminals link it: `file:line:col: message`. */
export function formatProblem(problem: Problem): string {
  let place = problem.file;
  if (problem.line !== undefined) place += `:${problem.line}`;
  if (problem.line !== undefined && problem.column !== undefined) place += `:${problem.column}`;
  const consequence = problem.consequence ? `\n  ${problem.consequence}` : '';
  return `${place}: ${problem.dialect ? `[${problem.dialect}] ` : ''}${problem.message}${consequence}`;
}

/** Orders problems by file, line, then message, so reports read the same on every run. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message),
  );
}

/** Turns an unexpected error thrown by a stage of the build into a problem, so the report stays complete. */
export function internalProblem(stage: string, error: unknown): Problem {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return { rule: 'internal', file: 'scripts/lib', message: `internal error while ${stage}; please report it:\n${detail}` };
}

/** Returns the known name closest to `wanted`, for "did you mean" hints. */
export function closestName(wanted: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(wanted, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

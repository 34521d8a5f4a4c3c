/**
 * What the type-check learns about one example file for the pages: the highlighted tokens
 * of every line (TextMate grammar), the type TypeScript gives each identifier, the answers
 * to `// ^?` queries and the errors declared with `// @ts-expect-error TSnnnn`. Made in the
 * type-checking thread, stored by the example's inputs, and rendered by the `code` and
 * `types` views without loading TypeScript or the grammar again.
 */
export interface ExampleTypes {
  /** Per line shown on a page (1-based), the runs of tokens: `[length, class]`, class `''` for the default colour. */
  tokens: Record<number, Array<[length: number, className: string]>>;
  /** What the editor shows on hovering each identifier of the lines shown: 1-based line, 0-based column, length, text. */
  hovers: Array<[line: number, column: number, length: number, text: string]>;
  /** `// ^?` comments: the comment's 1-based line, the column its caret points at, and TypeScript's answer. */
  queries: Array<{ line: number; column: number; text: string }>;
  /** Errors declared with `// @ts-expect-error TSnnnn`, as TypeScript reports them without the directive. */
  errors: Array<{ line: number; column: number; length: number; code: number; message: string }>;
}

/** A `// ^?` comment: asks for the type of what the caret points at on the line above (twoslash's notation). */
export const QUERY_LINE = /^\s*\/\/\s*\^\?\s*$/;

/** `// @ts-expect-error TS2322 …`: the next line must fail with exactly the named codes. */
export const EXPECT_ERROR_LINE = /^\s*\/\/\s*@ts-expect-error\b(.*)$/;

/** The error codes a `@ts-expect-error` directive names (`TS2322`, `TS2345 TS2353`…), in order. */
export function declaredCodes(rest: string): number[] {
  return [...rest.matchAll(/\bTS(\d+)\b/g)].map((match) => Number(match[1]));
}

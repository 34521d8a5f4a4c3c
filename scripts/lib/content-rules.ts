import type { PageModel } from './page-model.ts';
import type { Problem } from './problem.ts';

/**
 * Languages of blocks that must be bound to code/: programs, SQL, JSON, and anything that
 * looks like output. Shell commands (`sh`) may stand as they are: the reader types them.
 */
const MUST_BE_BOUND = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs', 'sql', 'json', 'jsonc', 'text', 'txt', 'plaintext', 'output', 'console', '']);

/** The rules every page obeys beyond well-formed shortcodes: code and output come from code/, never typed by hand. */
export function checkContentRules(page: PageModel): Problem[] {
  const problems: Problem[] = [];
  for (const block of page.unbound) {
    if (!MUST_BE_BOUND.has(block.lang) || block.handwritten) continue;
    const message =
      block.kind === 'fence'
        ? `fenced \`${block.lang || 'no language'}\` block is typed by hand; quote it from code/ with a verified highlight block, or, if the reader types it (a command, a file), write \`{handwritten=true}\` after its language`
        : `\`highlight ${block.lang}\` block is not bound to code/; name a view, e.g. "code=<file>#<region>", or, if the reader types it (a command, a file), add the option \`handwritten=true\``;
    problems.push({ rule: 'unbound-block', file: page.file, line: block.line, message });
  }
  return problems;
}

/**
 * Rules for every page in content/: code and output come from code/, never typed by hand.
 * Shell commands for the reader to type are the only unbound blocks allowed.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Code, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { listPages } from '../scripts/lib/files.ts';
import { readReferences } from '../scripts/lib/references.ts';
import { findShortcodes } from '../scripts/lib/shortcodes.ts';
import { REPO_ROOT } from './support/fixture-site.ts';

/**
 * Languages of blocks that must be bound to code/: programs, SQL, and anything that looks
 * like output. Shell commands and configuration files the reader types (`sh`, `json`,
 * `ini`…) may stand as they are.
 */
const MUST_BE_BOUND = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs', 'sql', 'text', 'txt', 'plaintext', 'output', 'console', '']);

/** Returns `page:line: message` for each block that is typed by hand but should come from code/. */
export function unboundBlocks(page: string, text: string): string[] {
  const found: string[] = [];
  const tree: Root = unified().use(remarkParse).parse(text);
  const visit = (node: Root | RootContent): void => {
    if (node.type === 'code') {
      const code = node as Code;
      const lang = (code.lang ?? '').toLowerCase();
      if (MUST_BE_BOUND.has(lang)) {
        found.push(`${page}:${code.position?.start.line}: fenced \`${lang || 'no language'}\` block is typed by hand; quote it from code/ with a verified highlight block`);
      }
    }
    if ('children' in node) node.children.forEach(visit);
  };
  visit(tree);

  const { shortcodes } = findShortcodes(text, page);
  const bound = new Set(readReferences(shortcodes, page).blocks.map((block) => block.line));
  for (const shortcode of shortcodes) {
    if (shortcode.name !== 'highlight' || bound.has(shortcode.line)) continue;
    const lang = (shortcode.args[0] ?? '').toLowerCase();
    if (MUST_BE_BOUND.has(lang)) {
      found.push(`${page}:${shortcode.line}: \`highlight ${lang}\` block is not bound to code/; name a view, e.g. "code=<file>#<region>"`);
    }
  }
  return found;
}

describe('content rules', () => {
  it('detects hand-typed program and output blocks, and accepts bound ones and shell commands', () => {
    const page = [
      '```ts', 'const a = 1;', '```', '',
      '```sh', 'npm install sequelize', '```', '',
      '{{< highlight ts "code=a.ts#x" >}}', 'const a = 1;', '{{< /highlight >}}', '',
      '{{< highlight js >}}', 'console.log(1)', '{{< /highlight >}}', '',
      '```', 'something like this', '```',
    ].join('\n');
    assert.deepEqual(unboundBlocks('p.md', page), [
      'p.md:1: fenced `ts` block is typed by hand; quote it from code/ with a verified highlight block',
      'p.md:17: fenced `no language` block is typed by hand; quote it from code/ with a verified highlight block',
      'p.md:13: `highlight js` block is not bound to code/; name a view, e.g. "code=<file>#<region>"',
    ]);
  });

  it('every TypeScript, JavaScript and output block in content/ is bound to code/', async () => {
    const problems: string[] = [];
    for (const page of await listPages(REPO_ROOT, 'content')) {
      problems.push(...unboundBlocks(page, await readFile(join(REPO_ROOT, page), 'utf8')));
    }
    assert.deepEqual(problems, []);
  });
});

/**
 * Rules for every page in content/: code and output come from code/, never typed by hand.
 * The rules live in scripts/lib/content-rules.ts and run in every build and check; these
 * tests pin what they catch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContentRules } from '../scripts/lib/content-rules.ts';
import { modelPage, readPages } from '../scripts/lib/page-model.ts';
import { formatProblem } from '../scripts/lib/problem.ts';
import { Session } from '../scripts/lib/session.ts';
import { findShortcodes } from '../scripts/lib/shortcodes.ts';
import { REPO_ROOT } from './support/fixture-site.ts';

function rulesFor(text: string): string[] {
  return checkContentRules(modelPage('p.md', text, findShortcodes(text, 'p.md'))).map(formatProblem);
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
    assert.deepEqual(rulesFor(page), [
      'p.md:1: fenced `ts` block is typed by hand; quote it from code/ with a verified highlight block, or, if the reader types it (a command, a file), write `{handwritten=true}` after its language',
      'p.md:13: `highlight js` block is not bound to code/; name a view, e.g. "code=<file>#<region>", or, if the reader types it (a command, a file), add the option `handwritten=true`',
      'p.md:17: fenced `no language` block is typed by hand; quote it from code/ with a verified highlight block, or, if the reader types it (a command, a file), write `{handwritten=true}` after its language',
    ]);
  });

  it('holds JSON to the same rule, and accepts blocks marked as typed by hand', () => {
    const page = [
      '```json', '{ "type": "module" }', '```', '',
      '```json {handwritten=true}', '{ "type": "module" }', '```', '',
      '{{< highlight json "handwritten=true" >}}', '{ "a": 1 }', '{{< /highlight >}}',
    ].join('\n');
    assert.deepEqual(rulesFor(page), [
      'p.md:1: fenced `json` block is typed by hand; quote it from code/ with a verified highlight block, or, if the reader types it (a command, a file), write `{handwritten=true}` after its language',
    ]);
  });

  it('does not mistake a fence inside a verified body for one the author typed', () => {
    const page = ['{{< highlight text "output=a.ts#x" >}}', '```ts', 'printed by the example', '```', '{{< /highlight >}}'].join('\n');
    assert.deepEqual(rulesFor(page), []);
  });

  it('every TypeScript, JavaScript and output block in content/ is bound to code/', async () => {
    const session = new Session({ root: REPO_ROOT, cacheMode: 'write-only' });
    const problems = (await readPages(session)).flatMap((page) => checkContentRules(page).map(formatProblem));
    await session.close();
    assert.deepEqual(problems, []);
  });
});

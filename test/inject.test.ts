/**
 * Fixture tests for locating blocks and injecting bodies: each folder under
 * test/fixtures/inject holds `page.md`, the view texts fed in (`views.json`), and the
 * expected `expected.md` and `problems.json`. `UPDATE=1` rewrites the expected files;
 * review them in the diff like any change.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeBody } from '../scripts/lib/body-escape.ts';
import { injectBodies, type BodyReplacement } from '../scripts/lib/inject.ts';
import { formatProblem } from '../scripts/lib/problem.ts';
import { readReferences } from '../scripts/lib/references.ts';
import { findShortcodes } from '../scripts/lib/shortcodes.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'inject');
const update = process.env.UPDATE === '1';

function run(page: string, views: Record<string, string>): { output: string; problems: string[] } {
  const { shortcodes, problems } = findShortcodes(page, 'page.md');
  const references = readReferences(shortcodes, 'page.md');
  const replacements: BodyReplacement[] = references.blocks.map((block) => {
    const key = `${block.view}=${block.example}${block.region === undefined ? '' : `#${block.region}`}`;
    const text = views[key];
    assert.ok(text !== undefined, `views.json lacks ${key}`);
    return { ...block.body, body: escapeBody(text) };
  });
  return {
    output: injectBodies(page, replacements),
    problems: [...problems, ...references.problems].map(formatProblem),
  };
}

describe('injection fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, () => {
      const dir = join(FIXTURES, name);
      const page = readFileSync(join(dir, 'page.md'), 'utf8');
      const views = JSON.parse(readFileSync(join(dir, 'views.json'), 'utf8')) as Record<string, string>;
      const { output, problems } = run(page, views);

      const expectedPage = join(dir, 'expected.md');
      const expectedProblems = join(dir, 'problems.json');
      if (update) {
        writeFileSync(expectedPage, output);
        writeFileSync(expectedProblems, `${JSON.stringify(problems, null, 2)}\n`);
      }
      // A new fixture has no expectation until someone writes it with UPDATE=1 and reviews it.
      for (const expected of [expectedPage, expectedProblems]) {
        assert.ok(existsSync(expected), `${expected} is missing: run \`UPDATE=1 npx tsx --test test/inject.test.ts\` and review what it writes`);
      }

      assert.equal(output, readFileSync(expectedPage, 'utf8'));
      assert.deepEqual(problems, JSON.parse(readFileSync(expectedProblems, 'utf8')));
      // Injecting into the result again changes nothing.
      assert.equal(run(output, views).output, output);
    });
  }
});

describe('splicing by offsets', () => {
  it('keeps every byte outside the bodies', () => {
    const page = readFileSync(join(FIXTURES, 'basic', 'page.md'), 'utf8');
    const views = JSON.parse(readFileSync(join(FIXTURES, 'basic', 'views.json'), 'utf8')) as Record<string, string>;
    const { output } = run(page, views);
    const outside = (text: string): string =>
      findShortcodes(text, 'page.md').shortcodes.reduceRight(
        (kept, shortcode) => (shortcode.body ? kept.slice(0, shortcode.body.start) + kept.slice(shortcode.body.end) : kept),
        text,
      );
    assert.equal(outside(output), outside(page));
    assert.ok(output.includes('Some prose that must stay exactly as written.   \n'));
  });
});

/**
 * The build's TypeScript highlighting (scripts/lib/token-classes.ts): every token of
 * every example gets a class, GitHub's light and dark themes agree on what each class
 * means, and the runs cover each line exactly.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLASS_OF_COLOUR, loadHighlighter, tokenClasses } from '../scripts/lib/token-classes.ts';
import { REPO_ROOT } from './support/fixture-site.ts';

async function examples(): Promise<Array<{ file: string; source: string }>> {
  const files = (await readdir(join(REPO_ROOT, 'code'), { recursive: true })).filter((file) => file.endsWith('.ts')).sort();
  return Promise.all(files.map(async (file) => ({ file: `code/${file}`, source: await readFile(join(REPO_ROOT, 'code', file), 'utf8') })));
}

describe('TypeScript highlighting', () => {
  it("gives every token of every example a class that means one colour in each of GitHub's themes", async () => {
    const shiki = await loadHighlighter();
    const darkOf = new Map<string, Set<string>>();
    const unknown = new Set<string>();
    for (const { source } of await examples()) {
      for (const line of shiki.codeToTokensWithThemes(source, { lang: 'typescript', themes: { light: 'github-light', dark: 'github-dark' }, tokenizeTimeLimit: 0 })) {
        for (const token of line) {
          const light = (token.variants.light?.color ?? '').toUpperCase();
          const dark = (token.variants.dark?.color ?? '').toUpperCase();
          if (CLASS_OF_COLOUR[light] === undefined) unknown.add(`${light} (${token.content})`);
          darkOf.set(light, (darkOf.get(light) ?? new Set()).add(dark));
        }
      }
    }
    assert.deepEqual([...unknown], []);
    // A class stands for one light colour; the dark theme may shade it (strings, say), never give it another kind's colour.
    const kindOfDark = new Map<string, string>();
    for (const [light, darks] of darkOf) for (const dark of darks) kindOfDark.set(dark, [kindOfDark.get(dark), light].filter(Boolean).join(' '));
    assert.deepEqual([...kindOfDark].filter(([, lights]) => lights.includes(' ')), [], 'a dark colour used for two kinds of token');
  });

  it('covers each line with its runs, and gives operators the text colour', async () => {
    const source = "const found: User | null = await User.findOne({ where: { name: 'Ada' } });\n// a comment";
    const runs = await tokenClasses(source);
    assert.deepEqual(
      runs.map((line) => line.reduce((sum, [length]) => sum + length, 0)),
      source.split('\n').map((line) => line.length),
    );
    const classOf = (text: string): string | undefined => {
      const at = source.indexOf(text);
      let column = 0;
      for (const [length, className] of runs[0] ?? []) {
        if (at >= column && at < column + length) return className;
        column += length;
      }
      return undefined;
    };
    assert.equal(classOf('const'), 'k');
    assert.equal(classOf('User'), 'nc');
    assert.equal(classOf("'Ada'"), 's');
    assert.equal(classOf('='), '');
    assert.deepEqual(runs[1], [[12, 'c']]);
  });
});

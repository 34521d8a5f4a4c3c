/**
 * The types pages show: TypeScript's answers to `// ^?` (the `types` view), the type of
 * every name on hover, and errors declared with `// @ts-expect-error TSnnnn`. The
 * renderer on its own; every verified TypeScript block of the site against its example
 * (what a reader copies is the code); a fixture site built, checked and broken with the
 * real command line; and types that stay the same whatever else is checked.
 */
import assert from 'node:assert/strict';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unescapeBody } from '../scripts/lib/body-escape.ts';
import { findInputs } from '../scripts/lib/compile-example.ts';
import { isProgram } from '../scripts/lib/examples.ts';
import type { ExampleTypes } from '../scripts/lib/example-types.ts';
import { readPages } from '../scripts/lib/page-model.ts';
import { parseRegions, regionCode } from '../scripts/lib/regions.ts';
import { Session } from '../scripts/lib/session.ts';
import { typeCheck } from '../scripts/lib/typecheck.ts';
import { withoutNotation } from '../scripts/lib/views/code.ts';
import { renderTypeScriptHtml, TYPES_MARKER } from '../scripts/lib/views/typescript-html.ts';
import { createFixtureSite, htmlText, readSiteFile, removeSite, REPO_ROOT, runCli, writeFiles } from './support/fixture-site.ts';

/** What a reader sees and copies of a block's body: the notes under lines left out, tags removed. */
function codeOf(body: string): string {
  const html = body.split(TYPES_MARKER)[0] ?? '';
  return htmlText(html.replace(/<span class="ann[^"]*">(?:&#10;<span> *<i>[^<]*<\/i><\/span>)+<\/span>/g, ''));
}

/** The notes under lines, as the reader sees them. */
function notesOf(body: string): string[] {
  return [...body.matchAll(/&#10;<span>( *)<i>([^<]*)<\/i><\/span>/g)].map((match) => htmlText(`${match[1]}${match[2]}`));
}

/** The hover data after a body: each name's text in the code, with its type. */
function hoversOf(body: string): Array<[string, string]> {
  const data = body.split(TYPES_MARKER)[1];
  if (!data) return [];
  const { at, types } = JSON.parse(data.replace(/-->$/, '')) as { at: Array<[number, number, number]>; types: string[] };
  const code = codeOf(body);
  return at.map(([start, length, index]) => [code.slice(start, start + length), types[index] ?? '']);
}

describe('the TypeScript renderer', () => {
  const source = [
    "import { x } from './x.ts';",
    '// #region show',
    'const found = await find({ name: "<b>" });',
    '//    ^?',
    '// @ts-expect-error TS2322',
    'const count: number = found;',
    '// #endregion',
  ].join('\n');
  const region = parseRegions(source, 'x.ts').regions[0];
  const types: ExampleTypes = {
    tokens: { 3: [[5, 'k'], [1, ''], [5, 'no'], [3, ''], [5, 'k'], [1, ''], [4, 'nc'], [9, ''], [5, 's'], [4, '']], 6: [[5, 'k'], [23, '']] },
    hovers: [
      [3, 6, 5, 'const found: User | null'],
      [3, 20, 4, 'function find(options: { name: "-->" }): Promise<User | null>'],
      [6, 22, 5, 'const found: User | null'],
    ],
    queries: [{ line: 4, column: 6, text: 'const found: User | null' }],
    errors: [{ line: 6, column: 6, length: 5, code: 2322, message: "Type 'User | null' is not assignable to type 'number'.\n  Type '-->' is odd." }],
  };

  it('shows the code without markers, queries and directives; the types view answers the query under its line', () => {
    const body = renderTypeScriptHtml({ source, region, types, queries: true }).html;
    assert.equal(codeOf(body), 'const found = await find({ name: "<b>" });\nconst count: number = found;');
    assert.deepEqual(notesOf(body), ['      ^ const found: User | null', "TS2322: Type 'User | null' is not assignable to type 'number'.", "    Type '-->' is odd."]);
    assert.ok(body.startsWith('<code><b>const</b> <b class="no">found</b> = <b>await</b> <b class="nc">find</b>({ name: <b class="s">"&lt;b&gt;"</b> });<span class="ann">'), body);
    assert.match(body, /<b>const<\/b> <span class="err">count<\/span>: number/);
  });

  it('measures a body by what the reader sees (the limits on a body apply to it), not by its HTML and hover data', () => {
    const { shown } = renderTypeScriptHtml({ source, region, types, queries: true });
    assert.equal(shown, 'const found = await find({ name: "<b>" });\n      ^ const found: User | null\nconst count: number = found;\nTS2322: Type \'User | null\' is not assignable to type \'number\'.\n    Type \'-->\' is odd.');
  });

  it('leaves the answers out of the code view, keeps the declared error', () => {
    const body = renderTypeScriptHtml({ source, region, types, queries: false }).html;
    assert.deepEqual(notesOf(body), ["TS2322: Type 'User | null' is not assignable to type 'number'.", "    Type '-->' is odd."]);
  });

  it('puts each hover on its name, one type a line after the code, and never closes the comment early', () => {
    const body = renderTypeScriptHtml({ source, region, types, queries: true }).html;
    assert.deepEqual(hoversOf(body), [
      ['found', 'const found: User | null'],
      ['find', 'function find(options: { name: "-->" }): Promise<User | null>'],
      ['found', 'const found: User | null'],
    ]);
    const data = body.slice(body.indexOf(TYPES_MARKER));
    assert.deepEqual(data.trim().split('\n').slice(1), ['"const found: User | null",', '"function find(options: { name: \\"--\\u003e\\" }): Promise<User | null>"', ']}-->'], 'one type a line');
    assert.equal(body.indexOf('-->'), body.length - 3);
  });
});

describe('every verified TypeScript block of the site', () => {
  it('shows its region as the code view would as text, and hovers land on names', async () => {
    const session = new Session({ root: REPO_ROOT, cacheMode: 'write-only' });
    const problems: string[] = [];
    let blocks = 0;
    for (const page of await readPages(session)) {
      // Quoted files that are not TypeScript programs (package.json, a migration in JavaScript) are left to Hugo.
      for (const block of page.blocks.filter((b) => (b.view === 'code' || b.view === 'types') && isProgram(b.example))) {
        const body = unescapeBody(page.text.slice(block.body.start, block.body.end)).replace(/^\n|\n$/g, '');
        const file = `code/${block.example}`;
        const source = await readFile(join(REPO_ROOT, file), 'utf8');
        const region = parseRegions(source, file).regions.find((r) => r.name === block.region);
        const where = `${page.file}:${block.line}`;
        if (!body.startsWith('<code>')) problems.push(`${where}: not highlighted by the build`);
        if (codeOf(body) !== withoutNotation(regionCode(source, region))) problems.push(`${where}: the code differs from ${file}#${block.region ?? ''}`);
        for (const [name, type] of hoversOf(body)) if (!/^#?[\w$]+$/.test(name) || !type) problems.push(`${where}: a hover on \`${name}\``);
        blocks++;
      }
    }
    await session.close();
    assert.deepEqual(problems, []);
    assert.ok(blocks > 100, `only ${blocks} blocks`);
  });

  it('One to One shows `User | null` for the lookup', async () => {
    const page = await readFile(join(REPO_ROOT, 'content/docs/relationships/one-to-one-loading.md'), 'utf8');
    const start = page.indexOf('{{< highlight ts "types=relationships/one-to-one.ts#lazy" >}}');
    const body = page.slice(start, page.indexOf('{{< /highlight >}}', start));
    assert.ok(start >= 0 && codeOf(body.slice(body.indexOf('<code>'))).includes('const found = await User.findOne('));
    assert.ok(notesOf(body).includes('      ^ const found: User | null'));
  });
});

const USERS = `import '../support/fixed-clock.ts';
import { DataTypes, Model, Sequelize, type CreationOptional, type InferAttributes, type InferCreationAttributes } from 'sequelize';

const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });

class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
}
User.init({ id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, name: DataTypes.STRING }, { sequelize, modelName: 'user' });
await sequelize.sync();
await User.create({ name: 'Ada' });

// #region find
const found = await User.findOne({ where: { name: 'Ada' } });
//    ^?
if (!found) throw new Error('Ada was just created');
const name = found.name;
//    ^?
console.log(name);
// #endregion

// #region wrong
// @ts-expect-error TS2322: a name is text
const age: number = found.name;
console.log(age);
// #endregion

await sequelize.close();
`;

const PAGE = `---
title: Types
description: What TypeScript says about an example.
weight: 3
---

{{< highlight ts "types=chapter/users.ts#find" >}}
{{< /highlight >}}

{{< highlight ts "code=chapter/users.ts#wrong" >}}
{{< /highlight >}}
`;

/** The body of the page's block with these options. */
function bodyOf(page: string, options: string): string {
  const opening = `{{< highlight ts "${options}" >}}\n`;
  const start = page.indexOf(opening) + opening.length;
  return unescapeBody(page.slice(start, page.indexOf('\n{{< /highlight >}}', start)));
}

describe('types on a fixture site', () => {
  let site = '';
  before(async () => {
    site = await createFixtureSite({});
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
    await writeFiles(site, { 'code/chapter/users.ts': USERS, 'content/docs/chapter/types.md': PAGE });
  });
  after(() => removeSite(site));

  it('builds the answers, the hovers and the declared error into the page and the site', async () => {
    const result = await runCli(site, ['build']);
    assert.equal(result.code, 0, result.stderr);
    const page = await readSiteFile(site, 'content/docs/chapter/types.md');
    const types = bodyOf(page, 'types=chapter/users.ts#find');
    assert.equal(codeOf(types), "const found = await User.findOne({ where: { name: 'Ada' } });\nif (!found) throw new Error('Ada was just created');\nconst name = found.name;\nconsole.log(name);");
    assert.deepEqual(notesOf(types), ['      ^ const found: User | null', '      ^ const name: string']);
    assert.deepEqual(hoversOf(types).slice(0, 2), [
      ['found', 'const found: User | null'],
      ['User', 'class User'],
    ]);
    const wrong = bodyOf(page, 'code=chapter/users.ts#wrong');
    assert.equal(codeOf(wrong), 'const age: number = found.name;\nconsole.log(age);');
    assert.deepEqual(notesOf(wrong), ["TS2322: Type 'string' is not assignable to type 'number'."]);

    const html = await readSiteFile(site, 'public/docs/chapter/types/index.html');
    const data = /id=type-data hidden data-src=(\S+) data-js=(\S+) data-css=(\S+)><\/div>/.exec(html);
    assert.ok(data, 'the page names its type data, script and styles');
    const published = JSON.parse(await readSiteFile(site, join('public', (data[1] ?? '').replace(/^\/sequelize-tutorial\//, '')))) as Record<string, { types: string[] }>;
    const keys = [...html.matchAll(/<div class=highlight data-t=(\d+)>/g)].map((match) => match[1] ?? '');
    assert.deepEqual(Object.keys(published).sort(), keys.sort(), 'every block with hovers has its entry');
    assert.ok(Object.values(published).some((entry) => entry.types.includes('const name: string')));
    assert.ok(!html.includes('<!--types'), 'the hover data leaves the page');
  });

  it("check fails with a diff in the shown type when a model's attribute type changes", async () => {
    assert.equal((await runCli(site, ['check'])).code, 0);
    await writeFiles(site, { 'code/chapter/users.ts': USERS.replace('declare name: string;', 'declare name: string | null;') });
    const check = await runCli(site, ['check']);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /\n-[^\n]*<i>\^ const name: string<\/i>/);
    assert.match(check.stdout, /\n\+[^\n]*<i>\^ const name: string \| null<\/i>/);
    assert.match(check.stdout, /\n\+[^\n]*<i>TS2322: Type 'string \| null' is not assignable to type 'number'\.<\/i>/);
  });

  it('fails on a directive that names no code, the wrong code, or a line that compiles, and on a query about nothing', async () => {
    await writeFiles(site, {
      'code/chapter/users.ts': USERS.replace('// @ts-expect-error TS2322: a name is text', '// @ts-expect-error TS2345')
        .replace('console.log(age);', "console.log(age);\n// @ts-expect-error\nconst other: number = found.name;\nconsole.log(other);\n// @ts-expect-error TS2322\nconst fine: string = found.name;\nconsole.log(fine);\n//                                 ^?"),
    });
    const result = await runCli(site, ['build']);
    assert.equal(result.code, 1);
    const lines = result.stderr.split('\n');
    assert.ok(lines.includes("code/chapter/users.ts:24:1: `@ts-expect-error` declares TS2345, but TypeScript reports TS2322: Type 'string' is not assignable to type 'number'."), result.stderr);
    assert.ok(lines.includes('code/chapter/users.ts:27:1: `@ts-expect-error` must name the errors it expects, e.g. `// @ts-expect-error TS2322`; TypeScript reports TS2322 there'), result.stderr);
    assert.ok(lines.includes('code/chapter/users.ts:30:1: `@ts-expect-error` declares TS2322, but the line after it compiles'), result.stderr);
    assert.ok(lines.includes('code/chapter/users.ts:33:36: `// ^?` points at nothing TypeScript gives a type: put the caret under a name on the line above'), result.stderr);
  });

  it('refuses a types view of a region that asks for no type', async () => {
    await writeFiles(site, { 'code/chapter/users.ts': USERS, 'content/docs/chapter/types.md': PAGE.replace('code=chapter/users.ts#wrong', 'types=chapter/users.ts#wrong') });
    const result = await runCli(site, ['build']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /content\/docs\/chapter\/types\.md:10: region `wrong` of code\/chapter\/users\.ts asks for no type: add a `\/\/ \^\?` line whose caret points at a name on the line above, or show the region with `code`/);
  });
});

describe('types stay the same whatever else is checked or shown', () => {
  it('gives each name of three examples the same type alone and together', async () => {
    const files = ['code/relationships/one-to-one.ts', 'code/models/create-and-save.ts', 'code/advanced/hooks.ts'];
    const session = new Session({ root: REPO_ROOT, cacheMode: 'write-only' });
    try {
      const examples = await Promise.all(
        files.map(async (file) => {
          const inputs = await findInputs(REPO_ROOT, file);
          assert.ok('files' in inputs);
          const lines = (await readFile(join(REPO_ROOT, file), 'utf8')).split('\n').length;
          return { file, inputs, lines };
        }),
      );
      const together = await typeCheck(session, examples.map(({ file, inputs, lines }) => ({ file, inputs, shown: [[1, lines]] as Array<[number, number]> })));
      for (const { file, inputs, lines } of examples) {
        const alone = await typeCheck(session, [{ file, inputs, shown: [[Math.floor(lines / 2), lines]] }]);
        const all = new Map(together.types.get(file)?.hovers.map(([line, column, , text]) => [`${line}:${column}`, text]));
        const some = alone.types.get(file)?.hovers ?? [];
        assert.ok(some.length > 20);
        for (const [line, column, , text] of some) assert.equal(text, all.get(`${line}:${column}`), `${file}:${line}:${column + 1}`);
        assert.deepEqual(alone.types.get(file)?.queries, together.types.get(file)?.queries);
      }
    } finally {
      await session.close();
    }
  });
});

/**
 * Which dialects a program runs on. Every dialect, unless the comments at the top of the
 * file declare otherwise, with a reason:
 *
 *     // dialects: sqlite (it is about SQLite's files)
 *
 * A program that runs on a server must take its connection from DATABASE_URL, in itself or
 * in a local module it imports; one that neither does nor declares is a problem, found here
 * before anything runs (a run that opens another dialect's database fails too, but only
 * where that server is installed).
 */
import { closestName, type Problem } from '../problem.ts';
import { DATABASE_URL } from './dialect.ts';
import { DEFAULT_DIALECT, DIALECTS } from './index.ts';

/** A file's declaration: the dialects it runs on (registry order), why, and its line. */
export interface Declaration {
  dialects: string[];
  reason: string;
  line: number;
}

/** A file of a program, as the build read it: the program itself or a local module it imports. */
export interface SourceFile {
  file: string;
  source: string;
}

/** How authors write it; the messages quote it. */
export const DECLARATION_EXAMPLE = `// dialects: ${DEFAULT_DIALECT.id} (<why>)`;

const DECLARATION_LINE = /^\s*\/\/\s*dialects\s*:(.*)$/;
const DECLARATION_FORM = /^\s*([a-z][a-z0-9]*(?:\s*,\s*[a-z][a-z0-9]*)*)\s*\((.*)\)\s*$/;
/** `process.env.DATABASE_URL`, or `env.DATABASE_URL` of an environment passed along (`env['DATABASE_URL']` too). */
const READS_DATABASE_URL = new RegExp(`\\benv\\s*(?:\\.\\s*${DATABASE_URL}\\b|\\[\\s*(['"\`])${DATABASE_URL}\\1\\s*\\])`);
const CONNECTS = /\bnew\s+Sequelize\s*\(/;

/**
 * Reads a file's `dialects:` declaration. It must stand in the comments at the top of the
 * file, once, naming known dialects (SQLite among them, which `npx tsx` uses) and, in
 * parentheses, why. Undefined when there is none, or when it is malformed (then a problem).
 */
export function readDeclaration({ file, source }: SourceFile): { declaration: Declaration | undefined; problems: Problem[] } {
  const lines = source.split('\n');
  const header = headerLength(lines);
  const problems: Problem[] = [];
  const at = (line: number, message: string): Problem => ({ rule: 'dialects', file, line, message });
  let declaration: Declaration | undefined;
  let first: number | undefined;
  for (const [index, text] of lines.entries()) {
    const found = DECLARATION_LINE.exec(text);
    if (!found) continue;
    const line = index + 1;
    if (first !== undefined) {
      problems.push(at(line, `\`dialects:\` is declared twice (first at line ${first})`));
      continue;
    }
    first = line;
    if (index >= header) {
      problems.push(at(line, '`dialects:` must be in the comments at the top of the file, before its first statement'));
      continue;
    }
    const form = DECLARATION_FORM.exec(found[1] ?? '');
    const reason = form?.[2]?.trim() ?? '';
    if (!form || reason === '') {
      problems.push(at(line, `\`dialects:\` names the dialects the program runs on and, in parentheses, why: \`${DECLARATION_EXAMPLE}\``));
      continue;
    }
    const named = (form[1] ?? '').split(',').map((id) => id.trim());
    const known = DIALECTS.map((dialect) => dialect.id);
    const unknown = named.filter((id) => !known.includes(id));
    for (const id of unknown) {
      const suggestion = closestName(id, known);
      const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '';
      problems.push(at(line, `unknown dialect \`${id}\` in \`dialects:\`${hint} (dialects: ${known.map((k) => `\`${k}\``).join(', ')})`));
    }
    if (unknown.length > 0) continue;
    if (!named.includes(DEFAULT_DIALECT.id)) {
      problems.push(at(line, `\`dialects:\` must name \`${DEFAULT_DIALECT.id}\`: every program runs on it, as \`npx tsx\` does`));
      continue;
    }
    declaration = { dialects: known.filter((id) => named.includes(id)), reason, line };
  }
  return { declaration: problems.length > 0 ? undefined : declaration, problems };
}

/** The dialects a file declares, or every dialect; for the site data, which must not fail (the build reports a bad declaration). */
export function declaredDialects(file: SourceFile): string[] {
  return readDeclaration(file).declaration?.dialects ?? DIALECTS.map((dialect) => dialect.id);
}

/**
 * The dialects each program runs on, from its declaration and the files it loads (the
 * program first, then its local modules), with every problem found: a malformed
 * declaration (once per file, however many programs import it), a program that runs on a
 * server without reading DATABASE_URL, and a module declared for fewer dialects than a
 * program that imports it runs on. A program with a problem runs on SQLite only, so that
 * one cause makes one problem.
 */
export function programDialects(programs: ReadonlyArray<readonly SourceFile[]>): { dialectsOf: Map<string, string[]>; problems: Problem[] } {
  const declarations = new Map<string, Declaration | undefined>();
  const malformed = new Set<string>();
  const problems: Problem[] = [];
  const declarationOf = (file: SourceFile): Declaration | undefined => {
    if (!declarations.has(file.file)) {
      const read = readDeclaration(file);
      declarations.set(file.file, read.declaration);
      if (read.problems.length > 0) malformed.add(file.file);
      problems.push(...read.problems);
    }
    return declarations.get(file.file);
  };
  const dialectsOf = new Map<string, string[]>();
  for (const files of programs) {
    const [program, ...modules] = files;
    if (!program) continue;
    const declared = declarationOf(program);
    for (const module of modules) declarationOf(module);
    if (files.some(({ file }) => malformed.has(file))) {
      dialectsOf.set(program.file, [DEFAULT_DIALECT.id]);
      continue;
    }
    const dialects = declared?.dialects ?? DIALECTS.map((dialect) => dialect.id);
    const servers = dialects.filter((id) => id !== DEFAULT_DIALECT.id);
    if (servers.length > 0 && !files.some(({ source }) => readsDatabaseUrl(source))) {
      problems.push({ rule: 'dialects', file: program.file, line: connectionLine(program.source), message: unconnectedMessage(declared) });
      dialectsOf.set(program.file, [DEFAULT_DIALECT.id]);
      continue;
    }
    let consistent = true;
    for (const module of modules) {
      const narrower = declarations.get(module.file);
      const missing = narrower ? dialects.filter((id) => !narrower.dialects.includes(id)) : [];
      if (narrower && missing.length > 0) {
        consistent = false;
        problems.push({
          rule: 'dialects',
          file: module.file,
          line: narrower.line,
          message: `declared for ${narrower.dialects.join(', ')} only, but ${program.file}, which imports it, runs on ${missing.join(', ')} too; declare the same dialects in both`,
        });
      }
    }
    dialectsOf.set(program.file, consistent ? dialects : [DEFAULT_DIALECT.id]);
  }
  return { dialectsOf, problems };
}

/** Whether a source reads the connection from DATABASE_URL outside its comment lines. */
export function readsDatabaseUrl(source: string): boolean {
  return source
    .split('\n')
    .filter((line) => !/^\s*(?:\/\/|\*|\/\*)/.test(line))
    .some((line) => READS_DATABASE_URL.test(line));
}

function unconnectedMessage(declared: Declaration | undefined): string {
  const runs = declared ? `is declared to run on ${declared.dialects.join(', ')}` : 'runs on every dialect (it has no `dialects:` declaration)';
  return (
    `${runs}, but neither it nor a module it imports reads \`process.env.${DATABASE_URL}\`: connect with ` +
    `\`new Sequelize(process.env.${DATABASE_URL} ?? 'sqlite:///:memory:')\`, or, if it is SQLite's alone, ` +
    `say why at the top of the file: \`${DECLARATION_EXAMPLE}\``
  );
}

/** Where a program opens its database (the first `new Sequelize(`), or its first line. */
function connectionLine(source: string): number {
  const index = source.split('\n').findIndex((line) => CONNECTS.test(line));
  return index === -1 ? 1 : index + 1;
}

/** How many lines the comments at the top of a file take (blank lines and `//` or block comments). */
function headerLength(lines: readonly string[]): number {
  let inBlock = false;
  for (const [index, line] of lines.entries()) {
    const text = line.trim();
    if (inBlock) {
      if (text.includes('*/')) inBlock = false;
      continue;
    }
    if (text === '' || text.startsWith('//')) continue;
    if (text.startsWith('/*')) {
      inBlock = !text.includes('*/', 2);
      continue;
    }
    return index;
  }
  return lines.length;
}

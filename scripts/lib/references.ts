import { closestName, type Problem } from './problem.ts';
import type { Shortcode } from './shortcodes.ts';
import { HIGHLIGHT_VIEWS, VIEWS, type ViewName } from './views/index.ts';

/**
 * The options Hugo's highlighter takes (Hugo 0.111; case-insensitive). Any other option of
 * a `highlight` block must be one of ours, or the build reports it as a likely typo.
 */
const HUGO_OPTIONS = ['anchorlinenos', 'codefences', 'guesssyntax', 'hl_inline', 'hl_lines', 'lineanchors', 'linenos', 'linenostart', 'linenumbersintable', 'noclasses', 'nohl', 'style', 'tabwidth'];

/**
 * Our own options besides the views: `handwritten` marks a block typed by hand on purpose
 * (a command or a file the reader writes; the theme labels it so), and `maxlines` and
 * `maxbytes` raise the limits on a verified block's body.
 */
export const OWN_OPTIONS = ['handwritten', 'maxlines', 'maxbytes'] as const;

/** How large a verified block's body may be, unless the block raises it. */
export const DEFAULT_LIMITS = { lines: 200, bytes: 16 * 1024 } as const;

/** A `highlight` or `schemadiagram` block whose body the build writes from an example. */
export interface BlockReference {
  view: ViewName;
  /** Path of the example under `code/`, e.g. `relationships/one-to-one.ts`. */
  example: string;
  /** The region shown; absent for the whole file (code view only). */
  region?: string;
  /** The block's place in the page. */
  line: number;
  body: { start: number; end: number };
  /** The largest body the block accepts. */
  limits: { lines: number; bytes: number };
}

/** A `fullcode` box pointing at a complete example. */
export interface FullcodeReference {
  example: string;
  line: number;
}

export interface PageReferences {
  blocks: BlockReference[];
  fullcode: FullcodeReference[];
  problems: Problem[];
}

/**
 * Reads which shortcodes of a page are bound to `code/`. A `highlight` block is bound
 * when its options name a view: `{{< highlight ts "code=relationships/one-to-one.ts#define" >}}`.
 */
export function readReferences(shortcodes: readonly Shortcode[], file: string): PageReferences {
  const result: PageReferences = { blocks: [], fullcode: [], problems: [] };
  for (const shortcode of shortcodes) {
    const at = { rule: 'page-syntax' as const, file, line: shortcode.line, column: shortcode.column };
    if (shortcode.name === 'fullcode') {
      const example = shortcode.args[0];
      if (!example || !isExamplePath(example)) {
        result.problems.push({ ...at, message: `\`fullcode\` needs the path of an example under code/, e.g. \`{{< fullcode "relationships/one-to-one.ts" >}}\`; got \`${example ?? ''}\`` });
      } else {
        result.fullcode.push({ example, line: shortcode.line });
      }
      continue;
    }
    if (shortcode.name === 'schemadiagram' && shortcode.body) {
      const source = shortcode.args[0] ?? '';
      const [example = '', region, ...extra] = source.split('#');
      if (!isExamplePath(example) || !region || extra.length > 0) {
        result.problems.push({ ...at, message: `\`schemadiagram\` needs an example and a region, e.g. \`{{< schemadiagram "relationships/one-to-one.ts#sync" >}}\`; got \`${source}\`` });
      } else {
        result.blocks.push({ view: 'diagram', example, region, line: shortcode.line, body: shortcode.body, limits: DEFAULT_LIMITS });
      }
      continue;
    }
    if (shortcode.name !== 'highlight' || !shortcode.body) continue;
    const language = shortcode.args[0] ?? '';
    if (language === '' || language.includes('=')) {
      result.problems.push({ ...at, message: `\`highlight\` needs a language first, e.g. \`{{< highlight ts "code=relationships/one-to-one.ts#define" >}}\` (\`text\` for output, \`sql\` for SQL)` });
      continue;
    }
    const options = parseOptions(shortcode.args[1] ?? '');
    const unknown = [...options.keys()].filter((key) => !isKnownOption(key));
    for (const key of unknown) {
      const suggestion = closestName(key.toLowerCase(), [...HIGHLIGHT_VIEWS, ...OWN_OPTIONS, ...HUGO_OPTIONS]);
      result.problems.push({
        ...at,
        rule: 'unknown-option',
        message: `unknown option \`${key}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (views: ${HIGHLIGHT_VIEWS.map((v) => `\`${v}\``).join(', ')}; see the README for the others)`,
      });
    }
    if (unknown.length > 0) continue;
    const limits = readLimits(options);
    if ('problem' in limits) {
      result.problems.push({ ...at, message: limits.problem });
      continue;
    }
    const views = HIGHLIGHT_VIEWS.filter((view) => options.has(view));
    const [view, ...others] = views;
    if (view === undefined) continue;
    if (options.has('handwritten')) {
      result.problems.push({ ...at, message: `a block is either verified or \`handwritten\`; this one names \`${view}\` and \`handwritten\`` });
      continue;
    }
    if (others.length > 0) {
      result.problems.push({ ...at, message: `a block shows one view, but this one names ${views.map((v) => `\`${v}\``).join(' and ')}` });
      continue;
    }
    const source = options.get(view) ?? '';
    const [example = '', region, ...extra] = source.split('#');
    const quotable = view === 'code' ? isQuotedFilePath(example) : isExamplePath(example);
    if (!quotable || extra.length > 0 || region === '') {
      result.problems.push({ ...at, message: `\`${view}=${source}\` must name an example under code/ and a region, e.g. \`${view}=relationships/one-to-one.ts#define\`` });
      continue;
    }
    if (region === undefined && VIEWS[view].needsRegion) {
      result.problems.push({ ...at, message: `\`${view}=${source}\` needs a region: what a whole program prints is split by region, e.g. \`${view}=${example}#define\`` });
      continue;
    }
    result.blocks.push({ view, example, ...(region === undefined ? {} : { region }), line: shortcode.line, body: shortcode.body, limits });
  }
  return result;
}

function isKnownOption(key: string): boolean {
  const lower = key.toLowerCase();
  return (HIGHLIGHT_VIEWS as readonly string[]).includes(key) || (OWN_OPTIONS as readonly string[]).includes(key) || HUGO_OPTIONS.includes(lower);
}

function readLimits(options: ReadonlyMap<string, string>): { lines: number; bytes: number } | { problem: string } {
  const limits: { lines: number; bytes: number } = { ...DEFAULT_LIMITS };
  for (const [option, limit] of [['maxlines', 'lines'], ['maxbytes', 'bytes']] as const) {
    const value = options.get(option);
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) return { problem: `\`${option}=${value}\` takes a whole number greater than 0` };
    limits[limit] = number;
  }
  return limits;
}

/** Parses Hugo's highlight options, `key=value` pairs separated by commas. */
export function parseOptions(options: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const pair of options.split(',')) {
    const [key, ...value] = pair.split('=');
    if (key?.trim()) parsed.set(key.trim(), value.join('=').trim());
  }
  return parsed;
}

function isExamplePath(path: string): boolean {
  return /\.ts$/.test(path) && isQuotedFilePath(path);
}

/**
 * The `code` view also quotes files that are not programs, such as the reader's
 * `package.json` or `.sequelizerc` under `code/reader-project/`: any file under code/.
 */
function isQuotedFilePath(path: string): boolean {
  return /^[\w./-]*[\w-]$/.test(path) && !path.split('/').some((part) => part === '..' || part === '.' || part === '') && !path.startsWith('/');
}

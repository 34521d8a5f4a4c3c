import type { Problem } from './problem.ts';
import type { Shortcode } from './shortcodes.ts';
import { HIGHLIGHT_VIEWS, VIEWS, type ViewName } from './views/index.ts';

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
        result.blocks.push({ view: 'diagram', example, region, line: shortcode.line, body: shortcode.body });
      }
      continue;
    }
    if (shortcode.name !== 'highlight' || !shortcode.body) continue;
    const options = parseOptions(shortcode.args[1] ?? '');
    const views = HIGHLIGHT_VIEWS.filter((view) => options.has(view));
    const [view, ...others] = views;
    if (view === undefined) continue;
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
    result.blocks.push({ view, example, ...(region === undefined ? {} : { region }), line: shortcode.line, body: shortcode.body });
  }
  return result;
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

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { declaredDialects } from './dialects/declaration.ts';
import { DIALECTS } from './dialects/index.ts';
import { parseRegions } from './regions.ts';
import { VIEWS } from './views/index.ts';

/** Where the build writes what the theme needs to know about views, dialects and examples. */
export const SITE_DATA_FILE = 'data/verified.json';

/** The command a reader types to run an example, as the pages tell it. */
export function readerRunCommand(file: string): string {
  return `npx tsx ${file}`;
}

/**
 * The site data the theme reads (`site.Data.verified`), so that it never re-parses what
 * the build knows: the views and their captions, the dialects, and for every example under
 * code/ the command that runs it, the dialects it runs on (its `dialects:` declaration, or
 * every dialect), and its regions' lines (for links to the repository).
 */
export async function siteData(root: string): Promise<string> {
  const entries = await readdir(join(root, 'code'), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const examples: Record<string, { run: string; dialects: string[]; regions: Record<string, string> }> = {};
  for (const file of files) {
    const source = await readFile(join(root, file), 'utf8');
    const { regions } = parseRegions(source, file);
    examples[file.replace(/^code\//, '')] = {
      run: readerRunCommand(file),
      dialects: declaredDialects({ file, source }),
      regions: Object.fromEntries(regions.map((region) => [region.name, `#L${region.startLine}-L${region.endLine}`])),
    };
  }
  const views = Object.fromEntries(Object.entries(VIEWS).filter(([, view]) => view.shortcode === 'highlight').map(([name, view]) => [name, view.label]));
  const data = { views, dialects: DIALECTS.map(({ id, name }) => ({ id, name })), examples };
  return `${JSON.stringify(data, null, 2)}\n`;
}

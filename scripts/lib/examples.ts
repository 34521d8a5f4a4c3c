import { join } from 'node:path';
import { readTextIfExists } from './files.ts';
import type { PageModel } from './page-model.ts';
import type { Problem } from './problem.ts';
import { parseRegions, type Region } from './regions.ts';
import { VIEWS } from './views/index.ts';

/** An example the pages quote, as read from `code/`. */
export interface Example {
  /** Path relative to the repository root, e.g. `code/relationships/one-to-one.ts`. */
  file: string;
  source: string;
  regions: Region[];
  exists: boolean;
  /** False when the file is missing or its region markers are broken: it cannot run. */
  runnable: boolean;
  /** True for a TypeScript program; false for a file that `code` blocks only quote (`package.json`). */
  program: boolean;
  /** True when a block shows one of its runs (output, SQL, schema): only then does the build run it. */
  shown: boolean;
}

/**
 * Reads every example the pages quote or link, once each, with its regions. Problems are
 * placed where the author must act: a missing file at each page line that names it,
 * broken markers at the example's line.
 */
export async function loadExamples(root: string, pages: readonly PageModel[]): Promise<{ examples: Map<string, Example>; problems: Problem[] }> {
  const examples = new Map<string, Example>();
  const problems: Problem[] = [];
  for (const page of pages) {
    const references = [...page.blocks.map((block) => ({ ...block, shows: VIEWS[block.view].needsRun })), ...page.fullcode.map((link) => ({ ...link, shows: false }))];
    for (const reference of references) {
      const file = `code/${reference.example}`;
      let example = examples.get(file);
      if (!example) {
        const source = await readTextIfExists(join(root, file));
        if (source === undefined) {
          example = { file, source: '', regions: [], exists: false, runnable: false, program: isProgram(file), shown: false };
        } else {
          const parsed = parseRegions(source, file);
          problems.push(...parsed.problems);
          example = { file, source, regions: parsed.regions, exists: true, runnable: parsed.problems.length === 0, program: isProgram(file), shown: false };
        }
        examples.set(file, example);
      }
      if (reference.shows) example.shown = true;
      if (!example.exists) {
        problems.push({ rule: 'missing-reference', file: page.file, line: reference.line, message: `example \`${file}\` does not exist` });
      }
    }
  }
  return { examples, problems };
}

/** Only TypeScript files under code/ are programs; references.ts lets other files reach only the `code` view. */
export function isProgram(file: string): boolean {
  return file.endsWith('.ts');
}

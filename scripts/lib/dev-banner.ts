/**
 * The problem banner of `npm run dev`: while verification fails, every page Hugo's server
 * renders lists the problems (`layouts/partials/site/dev-problems.html`). The problems go
 * to a data file outside the sources, mounted by an extra Hugo config that only the dev
 * server is given, so a build never sees them and no tracked file is written.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files.ts';
import { formatProblem, type Problem } from './problem.ts';

/** What only the dev server's Hugo reads; under `.cache/`, which git ignores. */
export const DEV_DIR = '.cache/dev';
const DATA_DIR = `${DEV_DIR}/data`;
const CONFIG_FILE = `${DEV_DIR}/hugo.toml`;
/** The data file, read by the theme as `site.Data.devserver`. */
export const BANNER_DATA_FILE = `${DATA_DIR}/devserver.json`;

// Mounting anything into `data` replaces Hugo's default mount, so the site's own data/ is
// mounted again first.
const CONFIG = `# Written by \`npm run dev\` (scripts/lib/dev-banner.ts) for its Hugo server only.
[[module.mounts]]
  source = "data"
  target = "data"
[[module.mounts]]
  source = "${DATA_DIR}"
  target = "data"
`;

export interface ProblemBanner {
  /** Hugo's `--config` value: the site's own config, then the one mounting the banner's data. */
  readonly hugoConfig: string;
  /** Shows these problems on every page, or removes the banner when there are none. */
  show(problems: readonly Problem[]): Promise<void>;
}

/** Writes the extra Hugo config and an empty banner, and returns the banner to update. */
export async function prepareProblemBanner(root: string): Promise<ProblemBanner> {
  await mkdir(join(root, DATA_DIR), { recursive: true });
  await writeFileAtomic(join(root, CONFIG_FILE), CONFIG);
  let shown: string | undefined;
  const banner: ProblemBanner = {
    hugoConfig: `hugo.toml,${CONFIG_FILE}`,
    async show(problems) {
      const text = `${JSON.stringify({ problems: problems.map(formatProblem) }, null, 2)}\n`;
      // Every write makes Hugo rebuild and reload the browser: only write what changed.
      if (text === shown) return;
      await writeFileAtomic(join(root, BANNER_DATA_FILE), text);
      shown = text;
    },
  };
  await banner.show([]);
  return banner;
}

/**
 * `npm install <packages>` for the reader replay, without the network: the packages come
 * from the repository's own node_modules, which `npm install` put there from the same
 * registry. For each package named, as npm would:
 *
 * - the package and every package it depends on (`dependencies`, and the
 *   `optionalDependencies` present on this machine, followed transitively and resolved as
 *   Node.js resolves them from the package's folder) are copied into the reader's
 *   `node_modules` at the same place they have in the repository's, as hard links (the
 *   temporary folder is on the same disk; a plain copy where it is not). Optional peer
 *   dependencies are not followed, as npm does not install them: a reader who forgets
 *   `npm install sqlite3` gets Sequelize's own error, as they would;
 * - the commands of the packages at the top of `node_modules` are linked into
 *   `node_modules/.bin`;
 * - `package.json` gets `"<name>": "^<version>"` under `dependencies`, or `devDependencies`
 *   with `--save-dev`/`-D`, with the keys sorted.
 *
 * Version ranges (`sequelize@6`) are refused rather than approximated.
 */
import { constants } from 'node:fs';
import { access, copyFile, cp, link, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

interface PackageJson {
  name?: string;
  version?: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export interface InstallRequest {
  /** The repository root, whose node_modules holds the packages. */
  root: string;
  /** The reader's project folder, holding their package.json. */
  project: string;
  /** What follows `npm install`, e.g. `['--save-dev', 'typescript', 'tsx']`. */
  args: readonly string[];
}

/** Runs `npm install <args>` in the reader's project from the repository's packages; returns what npm would summarise. */
export async function installFromRepository({ root, project, args }: InstallRequest): Promise<string> {
  const dev = args.some((arg) => arg === '--save-dev' || arg === '-D');
  const unknownFlags = args.filter((arg) => arg.startsWith('-') && arg !== '--save-dev' && arg !== '-D');
  if (unknownFlags.length > 0) throw new Error(`the replay's npm install does not know ${unknownFlags.join(' ')}`);
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) throw new Error('the replay installs only named packages: `npm install <name>...`');
  for (const name of names) {
    if (!/^(@[\w.-]+\/)?[\w.-]+$/.test(name)) throw new Error(`\`${name}\`: the replay installs packages by name only, without a version range`);
  }
  const manifestPath = join(project, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as PackageJson;

  const copied = new Set<string>();
  for (const name of names) {
    const folder = join(root, 'node_modules', name);
    const own = await readManifest(folder);
    if (!own) throw new Error(`\`${name}\` is not installed in the repository, so the replay cannot install it: add it to the repository's package.json`);
    await copyClosure(root, project, folder, copied);
    const section = dev ? 'devDependencies' : 'dependencies';
    const other = dev ? 'dependencies' : 'devDependencies';
    manifest[section] = sortKeys({ ...manifest[section], [name]: `^${own.version}` });
    if (manifest[other]?.[name] !== undefined) {
      const { [name]: _moved, ...rest } = manifest[other];
      manifest[other] = rest;
    }
  }
  await linkBins(project);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return `added ${copied.size} packages (copied from the repository's node_modules)`;
}

/** Copies a package folder and, transitively, the folders of the packages it depends on; `copied` collects their places. */
async function copyClosure(root: string, project: string, start: string, copied: Set<string>): Promise<void> {
  const queue = [start];
  while (queue.length > 0) {
    const folder = queue.shift() ?? '';
    const place = relative(root, folder);
    if (copied.has(place)) continue;
    copied.add(place);
    // A package nested in another's node_modules came with that package's folder.
    const target = join(project, place);
    if (!(await exists(target))) await copyTree(folder, target);
    const own = await readManifest(folder);
    const required = Object.keys(own?.dependencies ?? {});
    const optional = Object.keys(own?.optionalDependencies ?? {});
    for (const dependency of [...required, ...optional]) {
      const found = await resolvePackage(root, folder, dependency);
      if (found) queue.push(found);
      else if (required.includes(dependency) && !optional.includes(dependency)) {
        throw new Error(`${place} needs ${dependency}, which the repository's node_modules lacks`);
      }
    }
  }
}

/** Finds a dependency's folder as Node.js would: in `node_modules` of the package's folder, then of each folder above it, up to the root. */
async function resolvePackage(root: string, from: string, name: string): Promise<string | undefined> {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (await readManifest(candidate)) return candidate;
    if (folder === root || dirname(folder) === folder) return undefined;
  }
}

/** Links the commands of the packages at the top of the reader's node_modules, as npm does. */
async function linkBins(project: string): Promise<void> {
  const modules = join(project, 'node_modules');
  const binFolder = join(modules, '.bin');
  await mkdir(binFolder, { recursive: true });
  for (const name of await topLevelPackages(modules)) {
    const own = await readManifest(join(modules, name));
    if (!own?.bin) continue;
    const bins = typeof own.bin === 'string' ? { [name.split('/').at(-1) ?? name]: own.bin } : own.bin;
    for (const [command, file] of Object.entries(bins)) {
      const linkPath = join(binFolder, command);
      if (await exists(linkPath)) continue;
      await symlink(relative(binFolder, join(modules, name, file)), linkPath);
    }
  }
}

async function topLevelPackages(modules: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(modules, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of await readdir(join(modules, entry.name))) names.push(`${entry.name}/${scoped}`);
    } else {
      names.push(entry.name);
    }
  }
  return names.sort();
}

/** Copies a folder as hard links, falling back to copies across disks. */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target);
    else if (entry.isSymbolicLink()) await cp(source, target, { verbatimSymlinks: true });
    else {
      try {
        await link(source, target);
      } catch {
        await copyFile(source, target);
      }
    }
  }
}

async function readManifest(folder: string): Promise<PackageJson | undefined> {
  try {
    if (!(await stat(folder)).isDirectory()) return undefined;
    return JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

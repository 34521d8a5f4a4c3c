import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Viz } from '@viz-js/viz';
import type { TableShape } from '../runtime/events.ts';
import { writeFileAtomic } from './files.ts';

/**
 * Describes tables and their foreign keys as a Graphviz graph: one box per table listing
 * its columns, and an arrow from each foreign key column to the column it references.
 */
export function schemaToDot(tables: readonly TableShape[]): string {
  const lines = [
    'digraph schema {',
    '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.4, ranksep=0.9, fontname="Helvetica"];',
    '  node [shape=plain, fontname="Helvetica", fontsize=11];',
    '  edge [arrowhead=normal, arrowsize=0.7];',
  ];
  for (const table of tables) {
    const keys = new Set(table.foreignKeys.map((key) => key.column));
    const rows = table.columns.map((column) => {
      const marks = [column.primaryKey ? 'PK' : '', keys.has(column.name) ? 'FK' : '', column.notNull ? 'NOT NULL' : '']
        .filter(Boolean)
        .join(' ');
      return (
        // Arrows leave a row from its right edge and enter a row at its left edge.
        `<tr><td port="${html(`${column.name}.in`)}" align="left">${html(column.name)}</td>` +
        `<td align="left">${html(column.type || 'ANY')}</td>` +
        `<td port="${html(`${column.name}.out`)}" align="left">${html(marks)}</td></tr>`
      );
    });
    lines.push(
      `  ${id(table.name)} [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3">` +
        `<tr><td colspan="3"><b>${html(table.name)}</b></td></tr>${rows.join('')}</table>>];`,
    );
  }
  for (const table of tables) {
    for (const key of table.foreignKeys) {
      lines.push(`  ${id(table.name)}:${id(`${key.column}.out`)}:e -> ${id(key.table)}:${id(`${key.to || 'id'}.in`)}:w;`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

let viz: Promise<Viz> | undefined;

/**
 * Returns a renderer that keeps every diagram it draws under `root/.cache/`, by the hash
 * of its graph, so a build whose schemas did not change does not load Graphviz at all.
 * With `read: false` (check) it draws every diagram afresh, and still stores them.
 */
export function cachedDiagramRenderer(root: string, { read = true } = {}): (tables: readonly TableShape[]) => Promise<string> {
  const dir = join(root, '.cache', 'verified-docs', 'diagrams');
  return async (tables) => {
    const dot = schemaToDot(tables);
    const file = join(dir, `${createHash('sha256').update(DIAGRAM_VERSION).update(dot).digest('hex')}.svg`);
    const cached = read ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
    if (cached !== undefined) return cached;
    const svg = await renderSchemaDiagram(tables);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(file, svg);
    return svg;
  };
}

// This module's own source and the Graphviz package's version: a change to either draws
// every diagram again.
const VIZ_MANIFEST = join(dirname(createRequire(import.meta.url).resolve('@viz-js/viz')), '..', 'package.json');
const DIAGRAM_VERSION = `${readFileSync(new URL(import.meta.url), 'utf8')}\n${readFileSync(VIZ_MANIFEST, 'utf8')}`;

/**
 * Draws the tables as an inline SVG with Graphviz compiled to WebAssembly (no browser, no
 * network). Lines and text use `currentColor`, so the page's palette colours the diagram.
 */
export async function renderSchemaDiagram(tables: readonly TableShape[]): Promise<string> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  const svg = (await viz).renderString(schemaToDot(tables), { format: 'svg' });
  const names = tables.map((table) => table.name).join(', ');
  return svg
    .replace(/^[^]*?(?=<svg)/, '')
    .replace(/<!--[^]*?-->\n?/g, '')
    .replace(/<title>[^<]*<\/title>\n?/g, '')
    .replace(/ (width|height)="[\d.]+pt"/g, '')
    .replace('<svg', `<svg role="img" aria-label="${html(`Tables ${names} and their foreign keys`)}"`)
    .replace(/(fill|stroke)="(black|#000000)"/g, '$1="currentColor"')
    .replace(/<polygon fill="white" stroke="none"[^>]*\/>\n?/, '')
    .replace(/<text /g, '<text fill="currentColor" ')
    .trim();
}

function id(name: string): string {
  return `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

import type { Viz } from '@viz-js/viz';
import type { TableShape } from '../runtime/events.ts';
import type { Session } from './session.ts';
import { cacheKey } from './store.ts';

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
 * Returns a renderer that keeps every diagram it draws in the session's store, by its
 * graph, so a build whose schemas did not change does not load Graphviz at all.
 */
export function storedDiagramRenderer(session: Session): (tables: readonly TableShape[]) => Promise<string> {
  const shelf = session.store.shelf<string>('diagrams');
  return async (tables) => {
    const key = cacheKey((await session.fingerprints()).renderers, schemaToDot(tables));
    const stored = await shelf.get(key);
    if (stored !== undefined) return stored;
    const svg = await renderSchemaDiagram(tables);
    await shelf.set(key, svg);
    return svg;
  };
}

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

/**
 * Highlights TypeScript with the TextMate grammar editors use (through shiki), so that
 * generics read as types, never as JSX. Tokens get the theme's CSS classes (those of
 * assets/css/70-chroma.css), never colours: both palettes of 00-tokens.css apply, and
 * pages stay small. Loaded only in the type-checking thread, on a cache miss.
 */
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';

/**
 * GitHub's light theme, as shiki ships it, names one colour per kind of token; each
 * becomes the class of our palette's token of that kind (the dark theme uses the same
 * scopes, test/highlight.test.ts checks it). A colour missing here fails the build
 * rather than showing a token in no colour.
 */
export const CLASS_OF_COLOUR: Readonly<Record<string, string>> = {
  '#24292E': '',
  '#D73A49': 'k',
  '#032F62': 's',
  '#005CC5': 'no',
  '#6A737D': 'c',
  '#6F42C1': 'nc',
  '#E36209': 'nb',
  '#22863A': 'nl',
};

export const THEME = 'github-light';

let highlighter: Promise<HighlighterCore> | undefined;

/** Loads shiki with the TypeScript grammar and GitHub's themes, once per thread. */
export function loadHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('@shikijs/themes/github-light'), import('@shikijs/themes/github-dark')],
    langs: [import('@shikijs/langs/typescript')],
    engine: createOnigurumaEngine(import('shiki/wasm')),
  });
  return highlighter;
}

/** Tokenises a TypeScript file: per line, runs of `[length, class]`, neighbours of one class merged. */
export async function tokenClasses(source: string): Promise<Array<Array<[number, string]>>> {
  const shiki = await loadHighlighter();
  // No time limit per line (shiki's default is 500 ms): on a busy machine a line would be
  // cut short, and a page would depend on the machine's load.
  return shiki.codeToTokensBase(source, { lang: 'typescript', theme: THEME, tokenizeTimeLimit: 0 }).map((line) => {
    const runs: Array<[number, string]> = [];
    for (const token of line) {
      const colour = (token.color ?? '#24292E').toUpperCase();
      const themed = CLASS_OF_COLOUR[colour];
      // Operators and punctuation (`:`, `=`, `=>`, `?.`) keep the text colour, as before: the
      // theme draws them as keywords, which costs a span each and tells the reader nothing.
      const className = themed === 'k' && !/[\p{L}\p{N}]/u.test(token.content) ? '' : themed;
      if (className === undefined) throw new Error(`the highlighter gave \`${token.content}\` the colour ${colour}, which no class of the theme stands for (scripts/lib/token-classes.ts)`);
      const last = runs.at(-1);
      // Whitespace takes the class of what precedes it, so `export declare` is one span.
      if (last && (last[1] === className || (token.content.trim() === '' && last[1] !== ''))) last[0] += token.content.length;
      else runs.push([token.content.length, token.content.trim() === '' ? '' : className]);
    }
    return runs;
  });
}

import { regionCode } from '../regions.ts';
import type { ViewDefinition } from './view.ts';

/** The region's source code (or the whole file), without region markers, dedented. */
export const codeView: ViewDefinition = {
  label: 'Code',
  shortcode: 'highlight',
  needsRun: false,
  needsRegion: false,
  async render({ source, region }) {
    return { kind: 'text', text: regionCode(source, region) };
  },
};

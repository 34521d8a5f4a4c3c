import type { ViewDefinition } from './view.ts';

/** What the region printed (stdout and stderr, in order), then the error a `throws` region ended with. */
export const outputView: ViewDefinition = {
  label: 'Output',
  shortcode: 'highlight',
  needsRun: true,
  needsRegion: true,
  async render({ file, region, capture }) {
    const text = ((capture?.output ?? '') + (capture?.error !== undefined ? `${capture.error}\n` : '')).replace(/\n+$/, '');
    return text ? { kind: 'text', text } : { nothing: `region \`${region?.name}\` of ${file} printed nothing; show its \`sql\` instead, or print something` };
  },
};

import { launchChromium } from './site/browser.ts';
import { buildSite } from './site/build-site.ts';
import { serveSite } from './site/static-server.ts';
const server = await serveSite({ basePath: '/sequelize-tutorial/' });
const site = await buildSite({ baseURL: `${server.origin}/sequelize-tutorial/`, search: false });
server.setRoot(site.dir);
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme: scheme });
    const page = await context.newPage();
    page.on('console', (m) => console.log('console', m.text()));
    page.on('pageerror', (e) => console.log('error', e.message));
    await page.goto(`${server.origin}/sequelize-tutorial/docs/relationships/one-to-one/`);
    const block = page.locator('figure.verified.types');
    await block.scrollIntoViewIfNeeded();
    await block.locator('pre code').hover({ position: { x: 60, y: 8 } });
    await page.locator('.tt').first().waitFor();
    const found = block.locator('.tt', { hasText: 'findOne' }).first();
    await found.hover();
    await page.waitForTimeout(200);
    console.log(await page.locator('#type-tip').textContent());
    const box = await block.boundingBox();
    await page.screenshot({ path: `/tmp/exp/types-${scheme}.png`, clip: { x: 0, y: box!.y - 20, width: 1100, height: 420 } });
    await context.close();
  }
} finally {
  await browser.close(); await server.close(); await site.remove();
}

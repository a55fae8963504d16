// Draws the app icons of the web app manifest (public/icons/) from the logo the dashboard
// already uses (public/favicon.svg: the pulse line on a dark rounded square), with Debian's
// chromium through Playwright, as the tests use it: no downloaded image, no image library.
//   icon-192.png, icon-512.png  the logo as it is ("any": the browser shows it as drawn)
//   maskable-512.png            the pulse inside the middle 80 % on a full square, for launchers
//                               that cut their own shape (a circle, a squircle) out of it
//   apple-touch-icon.png        180 px, a full square: iOS rounds the corners itself
// Run after changing the logo: node scripts/make-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'icons');
const logo = readFileSync(join(root, 'public', 'favicon.svg'), 'utf8');
const fill = /<rect[^>]*fill="([^"]+)"/.exec(logo)?.[1] ?? '#0f172a';
const pulse = /<path[^>]*\/>/.exec(logo)?.[0];
if (!pulse) throw new Error('public/favicon.svg has no <path> to draw');

/** The pulse on a full square, scaled into its middle `share` (the maskable safe zone is the middle 80 %). */
const fullSquare = (share) => {
  const inset = (32 * (1 - share)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${fill}"/><g transform="translate(${inset} ${inset}) scale(${share})">${pulse}</g></svg>`;
};

const icons = [
  { file: 'icon-192.png', size: 192, svg: logo },
  { file: 'icon-512.png', size: 512, svg: logo },
  { file: 'maskable-512.png', size: 512, svg: fullSquare(0.7) },
  { file: 'apple-touch-icon.png', size: 180, svg: fullSquare(0.82) },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.LUMEN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const { file, size, svg } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.locator('svg').screenshot({ path: join(out, file), omitBackground: true });
    await page.close();
    console.log(`public/icons/${file}: ${size}×${size}`);
  }
} finally {
  await browser.close();
}

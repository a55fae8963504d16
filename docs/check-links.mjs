// Fails on a dead internal link in the built site: every href and src on every page that
// points into the site must name a file in dist/, and an #anchor must name an id on the
// page it points to. Prints one line per page checked ("ok PAGE" / "FAIL PAGE: …").
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = new URL('./dist/', import.meta.url).pathname;
const pages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.html')) pages.push(path);
  }
};
walk(dist);

const idsOf = new Map();
const ids = (file) => {
  if (!idsOf.has(file)) idsOf.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return idsOf.get(file);
};

/** The dist file a site path is served from, or null. */
const fileOf = (path) => {
  const clean = decodeURIComponent(path);
  for (const candidate of [join(dist, clean), join(dist, clean, 'index.html'), join(dist, `${clean}.html`)])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
};

let failed = 0;
for (const page of pages.sort()) {
  const html = readFileSync(page, 'utf8');
  const route = '/' + relative(dist, page).replace(/index\.html$/, '').replace(/\.html$/, '');
  const problems = [];
  for (const [, attr] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const url = attr.replaceAll('&amp;', '&');
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) continue;
    const resolved = new URL(url, `http://site${route}`);
    const target = resolved.pathname === route && url.startsWith('#') ? page : fileOf(resolved.pathname);
    if (!target) { problems.push(`${url} leads nowhere`); continue; }
    const anchor = resolved.hash.slice(1);
    if (anchor && target.endsWith('.html') && !ids(target).has(decodeURIComponent(anchor))) problems.push(`${url}: no #${anchor} on that page`);
  }
  if (problems.length) { failed++; console.log(`FAIL ${route}: ${[...new Set(problems)].join('; ')}`); }
  else console.log(`ok ${route}`);
}
console.log(`${pages.length} pages checked, ${failed} with dead links`);
process.exit(failed ? 1 : 0);

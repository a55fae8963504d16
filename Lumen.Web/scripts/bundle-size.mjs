// Budget (issue 5): the JavaScript a first visit loads, gzipped, at most 200 KiB. Reads the
// built dist/index.html, follows its module scripts and modulepreloads, gzips each (level 9,
// as a server or proxy would at best; the hub itself sends them as they are) and prints the
// sum. Exit code 1 over budget or without a build.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KIB = 200;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.log(`bundle size: ${indexPath} is missing; run npm run build first`);
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]);
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g)].map((m) => m[1]);
const size = (path) => {
  const bytes = readFileSync(join(dist, path.replace(/^\//, '')));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kib = (n) => (n / 1024).toFixed(1);
let js = 0;
for (const s of scripts) {
  const { raw, gzip } = size(s);
  js += gzip;
  console.log(`  ${s}: ${kib(raw)} KiB, ${kib(gzip)} KiB gzipped`);
}
for (const s of styles) {
  const { raw, gzip } = size(s);
  console.log(`  ${s}: ${kib(raw)} KiB, ${kib(gzip)} KiB gzipped (CSS, not in the JS budget)`);
}
const ok = js <= BUDGET_KIB * 1024 && scripts.length > 0;
console.log(`first-load JS: ${kib(js)} KiB gzipped in ${scripts.length} file(s) (budget ${BUDGET_KIB} KiB): ${ok ? 'within' : 'OVER'}`);
process.exit(ok ? 0 : 1);

// The production bundle carries no test-only hook: the overview's frame timings used to be
// written by the app to window.__lumenFrameTimings for the budget test; the test now times the
// page from outside (tests/e2e/overview-budget.spec.ts, frameTimer). This scans every file of
// the build (dist/, or the folder given as the first argument) for the hooks' names and exits 1
// when one is there, or when there is no build to scan.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Any `__lumen…` global: the prefix the test hooks had, kept for test-side names only. */
const HOOK = /__lumen\w*/g;

const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.log(`test hooks: ${join(dist, 'index.html')} is missing; run npm run build first`);
  process.exit(1);
}

const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
const hits = [];
for (const file of files) {
  const text = readFileSync(file, 'latin1');
  for (const match of text.matchAll(HOOK)) {
    const context = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40).replace(/\s+/g, ' ');
    hits.push(`  ${relative(dist, file)}: ${match[0]} in …${context}…`);
  }
}
const scripts = files.filter((file) => file.endsWith('.js')).length;
if (hits.length > 0) console.log(hits.join('\n'));
console.log(`test hooks in the production bundle: ${hits.length} in ${files.length} file(s), ${scripts} of them JavaScript`);
process.exit(hits.length === 0 && scripts > 0 ? 0 : 1);

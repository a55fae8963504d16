import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/no-test-hooks.mjs, run on a made-up build: it must see a hook wherever it is.
const script = join(__dirname, '../../scripts/no-test-hooks.mjs');
const made: string[] = [];

function build(files: Record<string, string>): string {
  const dist = mkdtempSync(join(tmpdir(), 'lumen-dist-'));
  made.push(dist);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
  return dist;
}

const check = (dist: string) => spawnSync(process.execPath, [script, dist], { encoding: 'utf8' });

afterEach(() => {
  for (const dist of made.splice(0)) rmSync(dist, { recursive: true, force: true });
});

describe('the production bundle check', () => {
  const html = '<script type="module" src="/assets/index.js"></script>';

  it('passes a build without test hooks', () => {
    const result = check(build({ 'index.html': html, 'assets/index.js': 'const t=performance.now();export{t};' }));
    expect(result.status).toBe(0);
  });

  it('fails a build whose code writes a timing hook, and names the file', () => {
    const result = check(build({ 'index.html': html, 'assets/index.js': 'window.__lumenFrameTimings??=[];' }));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('assets/index.js: __lumenFrameTimings');
  });

  it('looks into every file, not only the entry script', () => {
    const result = check(build({ 'index.html': html, 'assets/index.js': '', 'assets/chunk/lazy.js': 'self.__lumenProbe=1' }));
    expect(result.status).toBe(1);
  });

  it('fails when there is no build to look at', () => {
    expect(check(build({ 'assets/index.js': '' })).status).toBe(1);
  });
});

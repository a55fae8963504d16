import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// `npm run dev` serves the dashboard with hot reload and forwards the API (and the live
// stream's WebSocket) to a hub running on LUMEN_DEV_HUB (default http://127.0.0.1:8090).
const hub = process.env.LUMEN_DEV_HUB ?? 'http://127.0.0.1:8090';

/** Every file under public/, as the site's paths ('/favicon.svg'): copied into the build as they are. */
function publicFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/')}`);
}

/**
 * Builds src/service-worker/sw.ts into dist/sw.js (at the root, so its scope is the whole
 * dashboard) and writes the build's files into it: the worker caches exactly this build's shell,
 * and a new build is a new worker. Production builds only; `npm run dev` has no worker.
 */
function serviceWorker(): Plugin {
  const output = 'sw.js';
  return {
    name: 'lumen-service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: 'src/service-worker/sw.ts', fileName: output });
    },
    generateBundle(options, bundle) {
      const worker = bundle[output];
      if (worker?.type !== 'chunk') return this.error(`${output} was not built`);
      const built = Object.keys(bundle).filter((name) => name !== output && !name.endsWith('.map'));
      const files = [...built.map((name) => `/${name}`), ...publicFiles(join(options.dir ?? 'dist', '..', 'public'))].sort();
      if (!files.includes('/index.html')) return this.error('index.html is not in the build: the worker would cache no shell');
      worker.code = `const SHELL_FILES = ${JSON.stringify(files)};\n${worker.code}`;
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed names under assets/: the hub serves them with a year-long cache.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 18410,
    strictPort: true,
    proxy: {
      '/api': { target: hub, ws: true, changeOrigin: false },
      '/install.sh': hub,
      '/healthz': hub,
    },
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// `npm run dev` serves the dashboard with hot reload and forwards the API (and the live
// stream's WebSocket) to a hub running on LUMEN_DEV_HUB (default http://127.0.0.1:8090).
const hub = process.env.LUMEN_DEV_HUB ?? 'http://127.0.0.1:8090';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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

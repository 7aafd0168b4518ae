import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Builds main, preload and renderer without needing the Electron binary.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { main: 'electron/main.ts', 'render-worker': 'desk/ingest/render-worker.ts', 'forensics-worker': 'desk/authenticate/worker.ts' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be CommonJS.
      rollupOptions: { input: { preload: 'electron/preload.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: 'renderer/index.html' } },
  },
});

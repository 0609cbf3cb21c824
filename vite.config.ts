import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appVersionDefine } from './scripts/app-version.ts';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [preact()],
  define: appVersionDefine(page('.')),
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: true,
    // Two pages: the door scanner (/) and the organiser console (/console/).
    rollupOptions: { input: { scanner: page('./client/index.html'), console: page('./client/console/index.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4000', '/health': 'http://127.0.0.1:4000' } },
});

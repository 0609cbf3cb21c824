// Builds dist/sw.js: bundles sw/sw.ts with esbuild, then lets workbox-build inject the
// precache manifest of everything vite wrote to dist/.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { injectManifest } from 'workbox-build';
import { appVersionDefine } from '../scripts/app-version.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

await build({
  entryPoints: [`${root}sw/sw.ts`],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  outfile: `${root}node_modules/.cache/sw/sw.js`,
  define: { 'process.env.NODE_ENV': '"production"', ...appVersionDefine(root) },
});

const { count, size, warnings } = await injectManifest({
  swSrc: `${root}node_modules/.cache/sw/sw.js`,
  swDest: `${dist}/sw.js`,
  globDirectory: dist,
  globPatterns: ['**/*.{html,js,css,png,svg,webmanifest,woff2}'],
  globIgnores: ['sw.js', '**/*.map'],
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
for (const w of warnings) console.warn(w);
console.log(`sw.js: precaching ${count} files, ${(size / 1024).toFixed(1)} KiB`);

// Builds the web app (web/ → web/dist), served by `salesbloom serve` through src/api/web.ts.
// In development, `npx vite --config web/vite.config.ts` proxies /api to a running server on :3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Prints the size of the whole production bundle (every file of web/dist, raw and gzipped). */
function bundleSize(): Plugin {
  return {
    name: 'salesbloom-bundle-size',
    apply: 'build',
    closeBundle() {
      const dist = fileURLToPath(new URL('./dist', import.meta.url));
      let raw = 0;
      let gz = 0;
      let files = 0;
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else {
            const bytes = readFileSync(path);
            raw += bytes.length;
            gz += gzipSync(bytes).length;
            files += 1;
          }
        }
      };
      walk(dist);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      console.log(`\nbundle size: ${kb(raw)} (gzip ${kb(gz)}) in ${files} files under web/dist`);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), bundleSize()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/openapi.json': 'http://127.0.0.1:3000' },
  },
});

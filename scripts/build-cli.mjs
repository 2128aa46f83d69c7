// Bundles the CLI (src/cli/index.ts + the engine + rules/) into dist/cli/sendguard.mjs, a single ESM
// file Node runs directly, so `npx sendguard` starts fast and needs no TypeScript at run time.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  // tesseract.js stays a runtime import from node_modules: it starts worker_threads from its own
  // files (worker script, wasm core) by path, which a bundle would break. It is imported lazily, so
  // `sendguard scan` of text never loads it.
  ssr: { noExternal: true, external: ['tesseract.js'], target: 'node' },
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { entryFileNames: 'sendguard.mjs', format: 'es' } },
  },
});
console.log('built dist/cli/sendguard.mjs');

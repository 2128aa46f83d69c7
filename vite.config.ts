// Vite + @crxjs/vite-plugin: manifest, service worker, popup, _locales, icons and the content script.
// The content script is a standalone IIFE (contentScripts.standaloneFiles), not crxjs's default
// loader: that one imports the real code asynchronously, so the page's own listeners would register
// first and an Enter could be sent before the guard sees it (shared/research/toolchain.md; checked by
// scripts/build.mjs and the Teams e2e tests, whose fixture sends from an early window listener).
import { defineConfig, type Plugin } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { OCR_ASSETS, OCR_ASSET_DIR } from './src/ocr/browser.js';

const manifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as ManifestV3Export;

/**
 * Issue 5: the OCR files (tesseract worker, the relaxed-SIMD core and deu/eng data) from node_modules
 * into ocr/ of the package, so nothing is fetched at run time (src/ocr/browser.ts, OCR_ASSETS).
 */
function ocrAssets(): Plugin {
  return {
    name: 'sendguard-ocr-assets',
    apply: 'build',
    generateBundle() {
      for (const a of OCR_ASSETS) {
        const source = readFileSync(new URL(`./node_modules/${a.from}`, import.meta.url));
        this.emitFile({ type: 'asset', fileName: `${OCR_ASSET_DIR}/${a.to}`, source });
      }
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest, contentScripts: { standaloneFiles: ['src/content/index.ts'] } }), ocrAssets()],
  // public/: files copied as they are (managed_schema.json, which manifest.storage.managed_schema names).
  publicDir: 'public',
  logLevel: 'warn',
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'chrome111',
    sourcemap: false,
    // Extension pages the manifest does not name: the training page (issue 6), opened from the popup,
    // and the offscreen document that hosts OCR (issue 5), opened by the service worker.
    rollupOptions: { input: { training: 'src/ui/training/index.html', offscreen: 'src/background/offscreen.html' } },
  },
});

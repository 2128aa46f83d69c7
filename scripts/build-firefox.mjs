// The Firefox build, derived from the Chrome build: dist/chrome/ → dist/firefox/ (about:debugging →
// "Load Temporary Add-on…", or web-ext) and dist/sendguard-firefox-<version>.zip, ready to be signed
// as an .xpi (AMO, listed or unlisted; Firefox release and ESR install signed add-ons only).
// Called at the end of scripts/build.mjs; runs on its own too (`node scripts/build-firefox.mjs`).
//   1. copy dist/chrome, rewrite manifest.json (scripts/lib/firefox-manifest.mjs), drop what only
//      Chrome reads (managed_schema.json);
//   2. checks: the background module and content scripts exist, nothing Chrome-only is left;
//   3. the zip (manifest.json at its root, as an .xpi needs).
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipDirectory } from './lib/zip.mjs';
import { CHROME_ONLY_PERMISSIONS, firefoxManifest } from './lib/firefox-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const from = join(root, 'dist/chrome');
const out = join(root, 'dist/firefox');
const fail = (msg) => {
  console.error(`firefox build failed: ${msg}`);
  process.exit(1);
};
if (!existsSync(join(from, 'manifest.json'))) fail('dist/chrome is missing: run `npm run build`');

// 1. Copy and rewrite.
const id = readFileSync(join(root, 'docs/firefox-extension-id.txt'), 'utf8').trim();
const chrome = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8'));
rmSync(out, { recursive: true, force: true });
cpSync(from, out, { recursive: true });
const manifest = firefoxManifest(chrome, { id });
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
const schema = chrome.storage?.managed_schema;
if (schema) rmSync(join(out, schema), { force: true });

// 2. Checks.
for (const js of [...(manifest.background?.scripts ?? []), ...(manifest.content_scripts ?? []).flatMap((c) => c.js)]) {
  if (!existsSync(join(out, js))) fail(`${js} missing`);
}
if (!manifest.background?.scripts?.length || manifest.background.service_worker) fail('the background must be an event page (background.scripts)');
if (manifest.key || manifest.storage || (manifest.permissions ?? []).some((p) => CHROME_ONLY_PERMISSIONS.includes(p))) fail('Chrome-only keys left in the manifest');
if (manifest.browser_specific_settings?.gecko?.id !== id) fail('gecko id missing');

// 3. The zip (an .xpi is a zip; it must be signed before Firefox release/ESR installs it permanently).
const files = (function walk(dir) {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]));
})(out);
for (const old of readdirSync(join(root, 'dist')).filter((f) => /^sendguard-firefox-.*\.zip$/.test(f))) rmSync(join(root, 'dist', old));
const zipPath = join(root, 'dist', `sendguard-firefox-${manifest.version}.zip`);
const size = zipDirectory(out, zipPath);
console.log(`built dist/firefox (${files.length} files, add-on id ${id}) and ${relative(root, zipPath)} (${(size / 1024).toFixed(0)} KB)`);

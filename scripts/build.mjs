// npm run build: the unpacked extension in dist/chrome/ (Load unpacked in Chrome/Edge) and a store /
// enterprise zip beside it, dist/sendguard-chrome-<version>.zip. Then the CLI, if it has a build.
//   1. vite + crxjs (vite.config.ts): manifest, service worker, popup, _locales, icons, and the
//      content script as one standalone IIFE at document_start in all frames;
//   2. checks on the result, so a toolchain update cannot silently break what the guard relies on;
//   3. the zip.
import { build } from 'vite';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipDirectory } from './lib/zip.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/chrome');
const started = performance.now();

// 1. Build.
await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production' });

// 2. Checks.
const fail = (msg) => {
  console.error(`build check failed: ${msg}`);
  process.exit(1);
};
const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const files = (function walk(dir) {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]));
})(out);
if (manifest.key !== source.key) fail('manifest key missing: the extension id would not be stable');
if (!manifest.content_scripts?.length) fail('no content script in the built manifest');
for (const cs of manifest.content_scripts) {
  if (cs.run_at !== 'document_start' || cs.all_frames !== true) fail('the content script must run at document_start in all frames');
  for (const js of cs.js) {
    const code = existsSync(join(out, js)) ? readFileSync(join(out, js), 'utf8') : fail(`${js} missing`);
    // A loader that imports the real code would register the guard's listeners too late.
    if (/^\s*(import|export)[\s{*]/m.test(code) || /\bimport\s*\(/.test(code)) fail(`${js} is not a standalone script`);
  }
}
for (const f of files.filter((f) => /\.(js|html)$/.test(f))) {
  const code = readFileSync(f, 'utf8');
  if (/<script[^>]+src=["']https?:/i.test(code) || /import\s*\(\s*["']https?:/.test(code)) fail(`remote code in ${relative(out, f)}`);
}
if (manifest.web_accessible_resources?.length) fail('no web-accessible resources expected (pages could detect the extension)');
// Chrome refuses to load an extension whose managed_schema file is missing or not JSON (issue 4).
const schemaFile = manifest.storage?.managed_schema;
if (schemaFile) {
  const built = existsSync(join(out, schemaFile)) ? readFileSync(join(out, schemaFile), 'utf8') : fail(`${schemaFile} (storage.managed_schema) missing`);
  try {
    if (JSON.parse(built).type !== 'object') fail(`${schemaFile} is not an object schema`);
  } catch {
    fail(`${schemaFile} is not valid JSON`);
  }
  if (built !== readFileSync(join(root, 'public', schemaFile), 'utf8')) fail(`${schemaFile} differs from public/${schemaFile}`);
}

// 3. The zip for the Chrome Web Store / enterprise self-hosting.
const zipPath = join(root, 'dist', `sendguard-chrome-${manifest.version}.zip`);
for (const old of readdirSync(join(root, 'dist')).filter((f) => /^sendguard-chrome-.*\.zip$/.test(f))) rmSync(join(root, 'dist', old));
const size = zipDirectory(out, zipPath);
console.log(`built dist/chrome (${files.length} files) and ${relative(root, zipPath)} (${(size / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// The CLI has its own build (another part of the project); run it when present.
const cli = join(root, 'scripts/build-cli.mjs');
if (existsSync(cli)) {
  const r = spawnSync(process.execPath, [cli], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The Firefox build (dist/firefox/ and its zip), derived from dist/chrome: scripts/build-firefox.mjs.
await import('./build-firefox.mjs');

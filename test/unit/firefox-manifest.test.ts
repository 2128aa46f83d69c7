// The Firefox manifest transform (scripts/lib/firefox-manifest.mjs), applied by scripts/build-firefox.mjs
// to the built Chrome manifest. Checked here on manifest.json itself, so no build is needed.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_ONLY_PERMISSIONS, FIREFOX_MIN_VERSION, firefoxManifest } from '../../scripts/lib/firefox-manifest.mjs';

const root = new URL('../..', import.meta.url).pathname;
const chrome = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const id = readFileSync(join(root, 'docs/firefox-extension-id.txt'), 'utf8').trim();
const firefox = firefoxManifest(chrome, { id });

describe('Firefox manifest', () => {
  it('has a fixed gecko id, a minimum version and declares that no data is collected', () => {
    expect(id).toBe('sendguard@sendguard');
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
    expect(Number.parseInt(FIREFOX_MIN_VERSION, 10)).toBeGreaterThanOrEqual(128);
  });

  it('runs the background as a module event page instead of a service worker', () => {
    expect(chrome.background.service_worker).toBeTruthy();
    expect(firefox.background).toEqual({ scripts: [chrome.background.service_worker], type: 'module' });
  });

  it('drops what only Chrome reads: key, minimum_chrome_version, managed_schema, Chrome-only permissions', () => {
    for (const k of ['key', 'minimum_chrome_version', 'storage']) expect(firefox).not.toHaveProperty(k);
    for (const p of firefox.permissions) expect(CHROME_ONLY_PERMISSIONS).not.toContain(p);
    expect(firefox.permissions).toEqual(chrome.permissions.filter((p: string) => p !== 'offscreen'));
    expect(firefox.permissions).toContain('storage');
  });

  it('keeps everything else as it is: hosts, content script timing, CSP, pages, locales', () => {
    const same = (m: Record<string, unknown>) => {
      const { key, minimum_chrome_version, storage, background, permissions, browser_specific_settings, ...rest } = m;
      return rest;
    };
    expect(same(firefox)).toEqual(same(chrome));
    expect(firefox.host_permissions).toEqual(chrome.host_permissions);
    expect(firefox.content_scripts[0]).toMatchObject({ run_at: 'document_start', all_frames: true });
    expect(firefox.content_security_policy.extension_pages).toContain("'wasm-unsafe-eval'");
  });

  it('does not change its input and rejects an invalid id', () => {
    const before = JSON.stringify(chrome);
    firefoxManifest(chrome, { id });
    expect(JSON.stringify(chrome)).toBe(before);
    expect(() => firefoxManifest(chrome, { id: 'not an id' })).toThrow(/add-on id/);
    expect(() => firefoxManifest({ ...chrome, manifest_version: 2 }, { id })).toThrow(/Manifest V3/);
  });

  it('matches the built dist/firefox/manifest.json when a build exists', () => {
    const built = join(root, 'dist/firefox/manifest.json');
    const builtChrome = join(root, 'dist/chrome/manifest.json');
    if (!existsSync(built) || !existsSync(builtChrome)) return;
    expect(JSON.parse(readFileSync(built, 'utf8'))).toEqual(firefoxManifest(JSON.parse(readFileSync(builtChrome, 'utf8')), { id }));
  });
});

// The Firefox manifest, derived from the built Chrome manifest (dist/chrome/manifest.json) by
// scripts/build-firefox.mjs. Pure, so test/unit/firefox-manifest.test.ts can check it without a build.
//
// Firefox MV3 differs from Chrome's in a few keys:
// - background: an event page (`scripts`) instead of a service worker; crxjs's loader is an ES module,
//   so `type: "module"` stays. The page has a DOM and Web Workers: OCR runs there (no offscreen API).
// - browser_specific_settings.gecko.id: the add-on id, fixed (docs/firefox-extension-id.txt). Firefox
//   needs it for storage.managed (policies.json `3rdparty.Extensions.<id>`) and ExtensionSettings.
// - no `key` (Chrome's id), no `minimum_chrome_version`, no Chrome-only permissions (`offscreen`), no
//   `storage.managed_schema` (Firefox does not read it; policies.json is not checked against a schema,
//   SendGuard checks what arrives).

/** Firefox 140 ESR: CSS Custom Highlights (live hints), data_collection_permissions, MV3 module event pages. */
export const FIREFOX_MIN_VERSION = '140.0';

/** Permissions Firefox does not know (it warns and ignores them; addons-linter reports them). */
export const CHROME_ONLY_PERMISSIONS = ['offscreen', 'sidePanel', 'tabGroups', 'enterprise.deviceAttributes', 'enterprise.platformKeys', 'loginState', 'readingList'];

/** Top-level keys Firefox does not read. */
export const CHROME_ONLY_KEYS = ['key', 'minimum_chrome_version', 'update_url', 'side_panel', 'storage', 'export', 'import', 'oauth2'];

/**
 * @param {Record<string, any>} chrome the built Chrome manifest
 * @param {{ id: string, minVersion?: string }} options
 * @returns {Record<string, any>} a new object; `chrome` is not changed
 */
export function firefoxManifest(chrome, { id, minVersion = FIREFOX_MIN_VERSION }) {
  if (!/^([a-z0-9-._]*@[a-z0-9-._]+|\{[0-9a-f-]{36}\})$/i.test(id)) throw new Error(`not a valid Firefox add-on id: ${id}`);
  const m = structuredClone(chrome);
  if (m.manifest_version !== 3) throw new Error('expected a Manifest V3 manifest');
  for (const k of CHROME_ONLY_KEYS) delete m[k];

  const bg = m.background ?? {};
  if (bg.service_worker) {
    m.background = { scripts: [bg.service_worker], ...(bg.type === 'module' ? { type: 'module' } : {}) };
  }
  if (Array.isArray(m.permissions)) {
    m.permissions = m.permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.includes(p));
    if (m.permissions.length === 0) delete m.permissions;
  }
  if (Array.isArray(m.optional_permissions)) m.optional_permissions = m.optional_permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.includes(p));

  m.browser_specific_settings = {
    gecko: {
      id,
      strict_min_version: minVersion,
      // Firefox ≥ 140 / AMO: what the add-on collects and sends. SendGuard collects nothing; the optional
      // audit upload goes to the organisation's own endpoint, set by its admins, not to the developer.
      data_collection_permissions: { required: ['none'] },
    },
  };
  return m;
}

// manifest.json: stable id, least privilege, content script wiring, hosts of every adapter, locales.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTERS } from '../../src/sites/index.js';

const root = new URL('../..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));

/** Chrome's id: SHA-256 of the DER public key, first 32 hex digits mapped 0-9a-f → a-p. */
function extensionId(keyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Chrome match-pattern host test (scheme https, path /*). */
function patternMatchesHost(pattern: string, host: string): boolean {
  const m = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const h = m[1]!;
  if (h.startsWith('*.')) return host === h.slice(2) || host.endsWith(h.slice(1));
  return host === h;
}

describe('manifest.json', () => {
  it('carries the public key of the id in docs/extension-id.txt', () => {
    expect(extensionId(manifest.key)).toBe(readFileSync(join(root, 'docs/extension-id.txt'), 'utf8').trim());
  });

  it('asks only for what it needs', () => {
    // storage: policy, options, audit log; alarms: the audit upload's hourly run and retries (issue 6).
    // offscreen: the document that runs OCR of images (issue 5). None shows a permission warning.
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'offscreen']);
    const cs = manifest.content_scripts;
    expect(cs).toHaveLength(1);
    expect(manifest.host_permissions).toEqual(cs[0].matches);
    for (const p of manifest.host_permissions) expect(p).toMatch(/^https:\/\/(\*\.)?[a-z.]*(teams|whatsapp)[a-z.]*\/\*$/);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_security_policy.extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  });

  it('runs the content script at document_start in all frames (before the page registers its listeners)', () => {
    expect(manifest.content_scripts[0]).toMatchObject({ run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true });
  });

  it('matches every host of every site adapter, also behind Defender for Cloud Apps (.mcas.ms)', () => {
    const matches: string[] = manifest.content_scripts[0].matches;
    for (const a of ADAPTERS) {
      for (const host of a.hosts) {
        expect(matches.some((p) => patternMatchesHost(p, host)), host).toBe(true);
        expect(a.matches({ hostname: host })).toBe(true);
        if (a.id === 'teams') expect(matches.some((p) => patternMatchesHost(p, `${host}.mcas.ms`)), `${host}.mcas.ms`).toBe(true);
      }
    }
    // And nothing else: every pattern belongs to an adapter.
    for (const p of matches) {
      const host = p.replace(/^https:\/\/(\*\.)?/, '').replace(/\/\*$/, '');
      expect(ADAPTERS.some((a) => a.matches({ hostname: host })), p).toBe(true);
    }
  });
});

describe('_locales', () => {
  const en = JSON.parse(readFileSync(join(root, '_locales/en/messages.json'), 'utf8'));
  const de = JSON.parse(readFileSync(join(root, '_locales/de/messages.json'), 'utf8'));

  it('German and English have the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('every string the code asks for exists', () => {
    const files = (function walk(d: string): string[] {
      return readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [join(d, e)]));
    })(join(root, 'src')).filter((f) => /\.tsx?$/.test(f) && /platform\/ext\.js'/.test(readFileSync(f, 'utf8')));
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    for (const m of JSON.stringify(manifest).matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(10);
    for (const k of used) expect(en[k], k).toBeDefined();
  });

  it('has a label and an explanation for every detector type', async () => {
    const { DETECTOR_TYPES } = await import('../../src/core/index.js');
    for (const t of DETECTOR_TYPES) {
      expect(en[`type_${t}`], t).toBeDefined();
      expect(en[`why_${t}`], t).toBeDefined();
    }
  });

  it('has a text for every inactive reason', () => {
    for (const r of ['no-chat-open', 'editor-not-recognised', 'app-not-recognised']) expect(en[`reason_${r.replace(/-/g, '_')}`]).toBeDefined();
  });
});

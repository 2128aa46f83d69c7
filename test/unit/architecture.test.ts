// Meta-tests for the layer rules (Dark Reader style), so they hold without reviewers remembering them:
// - src/core is pure: no DOM, no browser APIs, no imports from other layers;
// - only src/platform touches browser.* / chrome.* APIs.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function files(dir: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(e) && !/\.test\.tsx?$/.test(e)) out.push(p);
  }
  return out;
}

/** Code without comments and string contents, so prose about `document` does not count. */
function code(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""');
}

describe('layer boundaries', () => {
  const core = files(join(root, 'src/core'));
  it('src/core exists', () => expect(core.length).toBeGreaterThan(0));

  for (const f of core) {
    const rel = relative(root, f);
    it(`${rel} is pure (no DOM, no browser API, no other layer)`, () => {
      const src = readFileSync(f, 'utf8');
      const c = code(src);
      expect(c).not.toMatch(/\b(document|window|navigator|localStorage|chrome|browser)\s*\./);
      for (const m of src.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) {
          const target = relative(root, join(f, '..', spec));
          expect(target.startsWith('src/core') || target.startsWith('rules'), `${rel} imports ${spec}`).toBe(true);
        } else {
          expect(['re2js', '@noble/hashes/sha2.js', '@noble/hashes/sha2', '@noble/hashes/utils.js', '@noble/hashes/utils'], `${rel} imports ${spec}`).toContain(spec);
        }
      }
    });
  }

  it('only src/platform touches browser.* / chrome.* APIs', () => {
    const offenders: string[] = [];
    for (const f of files(join(root, 'src'))) {
      const rel = relative(root, f);
      if (rel.startsWith('src/platform/')) continue;
      const src = readFileSync(f, 'utf8');
      if (/\b(chrome|browser)\.(runtime|storage|tabs|action|i18n|offscreen|scripting)\b/.test(code(src)) || /webextension-polyfill/.test(src)) offenders.push(rel);
    }
    expect(offenders).toEqual([]);
  });
});

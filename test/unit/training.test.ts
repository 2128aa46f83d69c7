// The training page's scenarios (src/ui/training/scenarios.ts): every message, in German and English,
// does with the default policy what the scenario says — so a trainer's "must not trigger" look-alike
// really does not, and every text exists in both _locales.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, defaultPolicy } from '../../src/core/index.js';
import { SCENARIOS } from '../../src/ui/training/scenarios.js';

const root = new URL('../..', import.meta.url).pathname;
const messages = (lang: string) => JSON.parse(readFileSync(join(root, `_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;

describe('training scenarios', () => {
  const policy = defaultPolicy();
  for (const lang of ['de', 'en']) {
    const m = messages(lang);
    for (const s of SCENARIOS) {
      it(`${s.id} (${lang}): ${s.expect}`, () => {
        for (const part of ['title', 'text', 'note']) expect(m[`scenario_${s.id}_${part}`]?.message, part).toBeTruthy();
        const text = m[`scenario_${s.id}_text`]!.message;
        expect(analyze(text, policy).decision.action).toBe(s.expect);
      });
    }
  }

  it('include health data, an IBAN, a photo, a block and at least three look-alikes', () => {
    expect(SCENARIOS.some((s) => s.id.startsWith('health'))).toBe(true);
    expect(SCENARIOS.some((s) => s.image)).toBe(true);
    expect(SCENARIOS.some((s) => s.expect === 'block')).toBe(true);
    expect(SCENARIOS.filter((s) => s.expect === 'allow' && !s.image).length).toBeGreaterThanOrEqual(3);
  });
});

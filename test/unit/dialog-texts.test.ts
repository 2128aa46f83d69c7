// Issue 6's texts that the code builds from ids (so the "every t('…') exists" check cannot see them):
// each detector type's legal background and alternative, each audit choice, each site, in German and English.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECTOR_TYPES, SITE_IDS } from '../../src/core/index.js';
import { AUDIT_CHOICES } from '../../src/core/audit.js';

const root = new URL('../..', import.meta.url).pathname;

describe('texts built from ids', () => {
  for (const lang of ['en', 'de']) {
    const m = JSON.parse(readFileSync(join(root, `_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string } | undefined>;
    it(`exist in ${lang}`, () => {
      const keys = [
        ...[...DETECTOR_TYPES, 'other'].flatMap((t) => [`type_${t}`, `why_${t}`, `law_${t}`, `do_${t}`]),
        ...AUDIT_CHOICES.map((c) => `auditChoice_${c}`),
        ...['warn', 'block'].map((a) => `auditAction_${a}`),
        ...SITE_IDS.map((s) => `site_${s}`),
        ...['active', 'checking', 'inactive', 'not_open', 'off_org', 'off_user'].map((s) => `siteState_${s}`),
        ...['warn', 'block', 'allow'].map((e) => `trainingExpect_${e}`),
      ];
      for (const k of keys) expect(m[k]?.message, k).toBeTruthy();
    });
  }

  it('the legal background names the law it relies on', () => {
    const en = JSON.parse(readFileSync(join(root, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
    expect(en['law_health']!.message).toMatch(/Art\. 9 GDPR.*§ 203 StGB.*SGB X/s);
    expect(en['law_de_tax_id']!.message).toContain('§ 139b');
  });
});

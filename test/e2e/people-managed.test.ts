// End-to-end (issue 6) with the organisation's policy through the real channel (managed storage): the
// dialog with the organisation's texts and its list of reasons, a chosen reason recorded by its label,
// the policy version in every entry; and the screenshots for the docs (SENDGUARD_SCREENSHOTS=1 writes
// them to docs/screenshots). Needs root for the policy file (CI runs as root; skipped otherwise).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appFrame, dialog, EXTENSION_ID, launch, openFixture, ROOT, sent, settle, TEXT, typeInto, WHATSAPP, type Harness } from './harness.js';
import { canWritePolicies, otherBrowsersGone, policyFile } from './managed.js';

const SHOTS = join(ROOT, process.env.SENDGUARD_SCREENSHOTS === '1' ? 'docs/screenshots' : '.tmp/screenshots');
const TEAMS = 'https://teams.microsoft.com/v2/';
const REASONS = ['Requested by the client', 'Agreed with my team lead'];
const ORG = {
  version: '2026-11-a',
  override: { allowed: true, requireJustification: true, justificationChoices: REASONS },
  texts: {
    en: { title: 'Please check before sending', body: 'Questions? Data protection team, extension 123.' },
    de: { title: 'Bitte vor dem Senden prüfen', body: 'Fragen? Datenschutzteam, Durchwahl 123.' },
    guidanceUrl: 'https://intranet.example.com/datenschutz/chat',
  },
  audit: { retentionDays: 90 },
};
const file = policyFile('sendguard-people-test');

let h: Harness;
const waCompose = (p: Page) => p.locator('#main footer [contenteditable]');
const shot = (name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, name);
};

async function auditLog(): Promise<{ choice: string; types: string[]; policyVersion?: string; justification?: unknown }[]> {
  return h.serviceWorker.evaluate(async () => ((await chrome.storage.local.get('auditLog')) as { auditLog?: [] }).auditLog ?? []);
}

/** Hold a message and answer the dialog with `answer`. */
async function hold(p: Page, text: string, answer: (p: Page) => Promise<void>): Promise<void> {
  await typeInto(waCompose(p), text);
  await p.keyboard.press('Enter');
  await expect.poll(() => dialog(p).count()).toBe(1);
  await answer(p);
  await settle(p);
}

describe.skipIf(!canWritePolicies())('with the organisation\'s policy (managed storage)', () => {
  beforeAll(async () => {
    file.remove();
    process.once('exit', file.remove);
    await otherBrowsersGone();
    file.write(ORG);
    h = await launch();
    // Chromium hands the policy over a few seconds after start.
    for (let i = 0; i < 80; i++) {
      const version = await h.serviceWorker.evaluate(async () => ((await chrome.storage.session.get('policyStatus')) as { policyStatus?: { version?: string } }).policyStatus?.version);
      if (version === ORG.version) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    file.remove();
    await h?.close();
  });

  it('the dialog offers the organisation\'s reasons; the chosen one is recorded by its label, with the policy version', async () => {
    const p = await openFixture(h, WHATSAPP);
    await typeInto(waCompose(p), TEXT.clean);
    await p.keyboard.press('Enter');
    await typeInto(waCompose(p), TEXT.health);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    const d = dialog(p);
    expect(await d.locator('h2').innerText()).toBe('Please check before sending');
    expect(await d.locator('[data-sg="justification"] input[type="radio"]').count()).toBe(2);
    await d.locator('[data-sg="justification"] input[type="radio"]').first().check();
    await p.screenshot({ path: shot('dialog-reason-en.png') });
    await d.locator('[data-sg="send-anyway"]').click();
    await settle(p);
    expect((await sent(p)).map((m) => m.text)).toEqual([TEXT.clean, TEXT.health]);
    await expect.poll(async () => (await auditLog()).length).toBe(1);
    expect((await auditLog())[0]).toMatchObject({ choice: 'sent_anyway', types: ['health'], policyVersion: '2026-11-a', justification: { kind: 'choice', label: REASONS[0] } });
    await p.close();
  });

  it('screenshots: live hints, the popup with this week\'s counts, the options page\'s log', async () => {
    // A few more decisions, as a normal week would have them.
    const p = await openFixture(h, WHATSAPP);
    await hold(p, TEXT.iban, (q) => dialog(q).locator('[data-sg="mask"]').click());
    await hold(p, TEXT.card, (q) => q.keyboard.press('Escape'));
    await p.keyboard.press('Control+A');
    await p.keyboard.press('Backspace');
    await hold(p, 'Steuer-ID für die Lohnabrechnung: 86095742719', (q) => dialog(q).locator('[data-sg="false-alarm"]').click());
    const t = await openFixture(h, TEAMS);
    const f = appFrame(t);
    await typeInto(f.locator('.compose-slot [data-tid="ckeditor"]'), 'Frau Yilmaz ist wegen einer Depression krankgeschrieben.');
    await t.keyboard.press('Enter');
    await expect.poll(() => dialog(f).count()).toBe(1);
    await t.keyboard.press('Escape');
    await expect.poll(async () => (await auditLog()).length).toBe(5);

    // Live hints while typing, with a conversation on screen.
    await typeInto(waCompose(p), 'Hier nochmal die Bankverbindung für die Kaution: DE89 3704 0044 0532 0130 00');
    await p.setViewportSize({ width: 1280, height: 520 });
    await p.waitForTimeout(700);
    await p.screenshot({ path: shot('hints-whatsapp-en.png'), clip: { x: 384, y: 0, width: 896, height: 520 } });

    const tab = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, WHATSAPP);
    const popup = await h.context.newPage();
    await popup.setViewportSize({ width: 320, height: 600 });
    await popup.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html?tab=${tab}`);
    await popup.locator('[data-sg="week"] .tiles').waitFor();
    await popup.locator('[data-site="teams"][data-site-state="active"]').waitFor();
    await popup.setViewportSize({ width: 320, height: await popup.evaluate(() => document.documentElement.scrollHeight) });
    await popup.screenshot({ path: shot('popup-week-en.png') });
    await popup.close();

    const options = await h.context.newPage();
    await options.setViewportSize({ width: 1000, height: 900 });
    await options.goto(`chrome-extension://${EXTENSION_ID}/src/ui/options/index.html#audit`);
    const section = options.locator('[data-section="audit"]');
    await section.locator('table.log tbody tr').nth(4).waitFor();
    await section.screenshot({ path: shot('options-audit-en.png') });
    await options.close();
    await p.close();
    await t.close();
  });
});

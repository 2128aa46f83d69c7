// End-to-end: the organisation's policy through the real channel (issue 4). The test writes Chromium's
// managed policy file /etc/chromium/policies/managed/sendguard-test.json ({"3rdparty": {"extensions":
// {<id>: policy}}}), Chromium validates it against managed_schema.json and hands it to
// chrome.storage.managed; the extension reads it, caches it and pushes it to the chat tabs.
//
// Needs root (CI runs as root; skipped otherwise). The file is global to the machine: the e2e project
// runs files one after another, and the file is removed after the run even when a test fails.
// One browser launch: the policy file exists before it starts (start-up protection), later policies
// are live changes ("Reload policies" on chrome://policy, as an admin would; Chromium would also
// notice the file by itself after about 5 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  appFrame, badge, dialog, EXTENSION_ID, launch, noDialog, openFixture, paste, ROOT, sent, settle, tabId, TEXT, typeInto, WHATSAPP,
  type Harness,
} from './harness.js';
import { canWritePolicies, otherBrowsersGone, policyFile } from './managed.js';

const TEAMS = 'https://teams.microsoft.com/v2/';
const POLICY_DIR = '/etc/chromium/policies/managed';
const SHOTS = join(ROOT, process.env.SENDGUARD_SCREENSHOTS === '1' ? 'docs/screenshots' : '.tmp/screenshots');

const policy = policyFile('sendguard-test');
const writePolicy = (p: unknown) => policy.write(p);
const removePolicy = () => policy.remove();

/** Chromium merges every file in the folder: wait (a while) until no other test's policy file is there. */
async function otherPolicyFilesGone(timeoutMs = 90_000): Promise<void> {
  const others = () => {
    try {
      return readdirSync(POLICY_DIR).filter((f) => f.endsWith('.json') && f !== 'sendguard-test.json');
    } catch {
      return [];
    }
  };
  const until = Date.now() + timeoutMs;
  while (others().length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 1000));
  if (others().length > 0) console.warn(`other policy files in ${POLICY_DIR}: ${others().join(', ')}`);
}

// ---- policies -------------------------------------------------------------------------------------

const GUIDANCE = 'https://intranet.example.com/datenschutz/chat';
/** At start-up: IBANs allowed, one client, a custom rule with a message, own texts, a required reason. */
const START = {
  version: 'e2e-start',
  detectors: { iban: { action: 'allow' } },
  clients: ['Anna Müller'],
  customRules: [{
    id: 'falke', words: ['Projekt Falke'], action: 'warn',
    message: { en: 'Project Falcon is confidential: do not name it in chats.', de: 'Projekt Falke ist vertraulich: nicht in Chats nennen.' },
  }],
  override: { allowed: true, requireJustification: true, justificationChoices: ['Requested by the client', 'Internal coordination'] },
  texts: { en: { title: 'Please check before sending', body: 'Questions? Data protection team, extension 123.' }, de: { title: 'Bitte vor dem Senden prüfen' }, guidanceUrl: GUIDANCE },
};
const MONITOR = { version: 'e2e-monitor', mode: 'monitor' };
const WHATSAPP_OFF = { version: 'e2e-sites', sites: { whatsapp: { enabled: false } } };
/**
 * Broken in ways Chromium's schema check catches (it drops those values: the defaults apply) and in
 * ways only SendGuard's own check sees (a pattern RE2 cannot run, an empty client name): reported.
 */
const BROKEN = {
  version: 'e2e-broken',
  mode: 'relaxed',
  detectors: { iban: { action: 'maybe' }, credit_card: { sensitivity: 'extreme' } },
  clients: [''],
  customRules: [{ id: 'lookbehind', pattern: '(?<=Konto )\\d+', action: 'block' }],
};

// ---- helpers --------------------------------------------------------------------------------------

let h: Harness;
let policyPage: Page;

type Status = { source?: string; pending?: boolean; version?: string; updatedAt?: number; problems?: number };
async function status(): Promise<Status> {
  return h.serviceWorker.evaluate(async () => ((await chrome.storage.session.get('policyStatus')) as { policyStatus?: Status }).policyStatus ?? {});
}

/** Apply a new policy file now: "Reload policies" on chrome://policy, then wait for the extension to publish it. */
async function livePolicy(next: { version: string }): Promise<void> {
  writePolicy(next);
  await policyPage.locator('#reload-policies').click();
  await expect.poll(async () => (await status()).version, { timeout: 15_000, interval: 200 }).toBe(next.version);
  // The background pushes the new state to every frame at once; give the messages a moment.
  await new Promise((r) => setTimeout(r, 300));
}

const waCompose = (p: Page) => p.locator('#main footer [contenteditable]');
const teamsBox = (f: Page | Frame) => f.locator('.compose-slot [data-tid="ckeditor"]');

async function openPopup(tab?: number, width = 320): Promise<Page> {
  const p = await h.context.newPage();
  await p.setViewportSize({ width, height: 600 });
  await p.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html${tab === undefined ? '' : `?tab=${tab}`}`);
  await p.locator('.policy-info').waitFor();
  return p;
}

/** A screenshot of the popup at its natural height (as the browser shows it). */
async function shotPopup(p: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const height = await p.evaluate(() => document.documentElement.scrollHeight);
  await p.setViewportSize({ width: p.viewportSize()?.width ?? 340, height });
  await p.screenshot({ path: join(SHOTS, name) });
}

// ---- the run ---------------------------------------------------------------------------------------

describe.skipIf(!canWritePolicies())('managed policy (needs root: writes /etc/chromium/policies/managed)', () => {
  beforeAll(async () => {
    removePolicy();
    process.once('exit', removePolicy);
    await otherBrowsersGone();
    await otherPolicyFilesGone();
    writePolicy(START);
    h = await launch();
  }, 240_000); // may wait for another test's browser or policy file first
  afterAll(async () => {
    removePolicy();
    await h?.close();
  });

  it('protects from the first second: an IBAN sent before managed storage has answered is held (strict defaults)', async () => {
    // A fresh browser with a fresh profile: no cached policy; the policy file allows IBANs, but the
    // browser takes seconds to hand it over. Until then the defaults apply, which warn on an IBAN.
    const p = await openFixture(h, WHATSAPP);
    await paste(waCompose(p), { text: TEXT.iban });
    await waCompose(p).press('Enter');
    const startedPending = (await status()).pending;
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await dialog(p).getAttribute('data-action')).toBe('warn');
    expect(await sent(p)).toEqual([]);
    // Then the organisation's policy arrives (about 3–5 s after the browser started) and applies
    // without a reload: the same IBAN goes out.
    await expect.poll(async () => (await status()).source, { timeout: 20_000, interval: 250 }).toBe('managed');
    console.log(`start-up: managed storage was still pending at the send: ${startedPending}`);
    await p.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 300));
    await p.keyboard.press('Enter');
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'text', text: TEXT.iban, images: 0 }]);
    await p.close();
  });

  it('an allowed type goes out, a client on the list is blocked (WhatsApp)', async () => {
    const p = await openFixture(h, WHATSAPP);
    await typeInto(waCompose(p), TEXT.iban);
    await p.keyboard.press('Enter');
    await settle(p);
    expect(await noDialog(p)).toBe(true);
    await typeInto(waCompose(p), 'Termin mit Anna Müller am Freitag');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    const d = dialog(p);
    expect(await d.getAttribute('data-action')).toBe('block');
    expect(await d.locator('li[data-type="client_name"]').count()).toBe(1);
    expect(await d.locator('[data-sg="send-anyway"]').count()).toBe(0);
    expect(await sent(p)).toEqual([{ kind: 'text', text: TEXT.iban, images: 0 }]);
    await p.close();
  });

  it('the dialog shows the organisation\'s texts, guidance link and rule message, and asks for a reason (Teams)', async () => {
    const p = await openFixture(h, TEAMS);
    const f = appFrame(p);
    await typeInto(teamsBox(f), 'Kurzes Update zu Projekt Falke morgen');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(f).count()).toBe(1);
    const d = dialog(f);
    expect(await d.locator('h2').innerText()).toBe('Please check before sending');
    expect(await d.locator('[data-sg="org-body"]').innerText()).toBe('Questions? Data protection team, extension 123.');
    expect(await d.locator('[data-sg="guidance"]').getAttribute('href')).toBe(GUIDANCE);
    expect(await d.locator('[data-sg="rule-message"]').innerText()).toBe('Project Falcon is confidential: do not name it in chats.');
    expect(await d.locator('[data-sg="justification"] input[type="radio"]').count()).toBe(2);
    // No reason, no sending.
    await d.locator('[data-sg="send-anyway"]').click();
    expect(await d.locator('[data-sg="justification"] [role="alert"]').count()).toBe(1);
    expect(await sent(p)).toEqual([]);
    await d.locator('[data-sg="justification"] label', { hasText: 'Internal coordination' }).click();
    await d.locator('[data-sg="send-anyway"]').click();
    await settle(f);
    expect(await sent(p)).toEqual([{ kind: 'compose', text: 'Kurzes Update zu Projekt Falke morgen', images: 0 }]);
    await p.close();
  });

  it('the popup says where the policy comes from, when it was updated and its version', async () => {
    const wa = await openFixture(h, WHATSAPP);
    const p = await openPopup(await tabId(h, WHATSAPP));
    const info = p.locator('.policy-info');
    expect(await info.getAttribute('data-source')).toBe('managed');
    expect(await info.locator('h2').innerText()).toBe('Managed by your organisation');
    expect(await info.locator('[data-field="version"]').innerText()).toBe('e2e-start');
    const updatedAt = (await status()).updatedAt!;
    expect(Date.now() - updatedAt).toBeLessThan(120_000);
    expect(await info.locator('[data-field="updated"]').innerText()).toMatch(/\d{1,2}:\d{2}/);
    expect(await p.locator('[data-problems]').count()).toBe(0);
    await shotPopup(p, 'popup-managed-en.png');
    await p.close();
    await wa.close();
  });

  it('the options page shows the organisation\'s settings read-only and applies the user\'s stricter ones at once', async () => {
    const p = await h.context.newPage();
    await p.setViewportSize({ width: 1100, height: 900 });
    await p.goto(`chrome-extension://${EXTENSION_ID}/src/ui/options/index.html`);
    const iban = p.locator('select[data-path="detectors.iban.action"]');
    await iban.waitFor();
    expect(await iban.isDisabled()).toBe(true);
    expect(await p.locator('tr[data-type="iban"] [data-managed]').innerText()).toBe('Managed by your organisation');
    // Not set by the organisation: the default ("warn") or stricter; never looser.
    const health = p.locator('select[data-path="detectors.health.action"]');
    expect(await health.isDisabled()).toBe(false);
    expect(await health.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['warn', 'block']);
    // The allow-list is the organisation's alone while it has a policy.
    expect(await p.locator('section[data-section="allowlist"] [data-managed]').count()).toBe(1);
    expect(await p.locator('textarea[data-path="allowlist"]:not([disabled])').count()).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: join(SHOTS, 'options-managed-en.png'), fullPage: true });

    // The user makes health data a block: a chat tab applies it without a reload.
    const wa = await openFixture(h, WHATSAPP);
    await health.selectOption('block');
    await expect.poll(() => p.locator('[data-saved="saved"]').count()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    await typeInto(waCompose(wa), TEXT.health);
    await wa.keyboard.press('Enter');
    await expect.poll(() => dialog(wa).count()).toBe(1);
    expect(await dialog(wa).getAttribute('data-action')).toBe('block');
    await wa.keyboard.press('Escape');
    // Back to the organisation's value: nothing of the user's is kept.
    await health.selectOption('warn');
    await expect.poll(() => h.serviceWorker.evaluate(async () => (await chrome.storage.local.get('userOptions')).userOptions ?? null)).toBe(null);
    await wa.close();
    await p.close();
  });

  describe('live changes, without a restart', () => {
    beforeAll(async () => {
      policyPage = await h.context.newPage();
      await policyPage.goto('chrome://policy');
    });

    it('mode "monitor" never interrupts', async () => {
      const wa = await openFixture(h, WHATSAPP);
      const teams = await openFixture(h, TEAMS);
      await livePolicy(MONITOR);
      await typeInto(waCompose(wa), TEXT.card);
      await wa.keyboard.press('Enter');
      await typeInto(teamsBox(appFrame(teams)), TEXT.health);
      await teams.keyboard.press('Enter');
      await settle(wa);
      await settle(appFrame(teams));
      expect(await noDialog(wa)).toBe(true);
      expect(await noDialog(appFrame(teams))).toBe(true);
      expect(await sent(wa)).toEqual([{ kind: 'text', text: TEXT.card, images: 0 }]);
      expect(await sent(teams)).toEqual([{ kind: 'compose', text: TEXT.health, images: 0 }]);
      await wa.close();
      await teams.close();
    });

    it('a site switched off is not guarded, the popup and badge say so; the other site still is', async () => {
      const wa = await openFixture(h, WHATSAPP);
      const teams = await openFixture(h, TEAMS);
      await livePolicy(WHATSAPP_OFF);
      await typeInto(waCompose(wa), TEXT.card);
      await wa.keyboard.press('Enter');
      await settle(wa);
      expect(await noDialog(wa)).toBe(true);
      expect(await sent(wa)).toEqual([{ kind: 'text', text: TEXT.card, images: 0 }]);
      await typeInto(teamsBox(appFrame(teams)), TEXT.card);
      await teams.keyboard.press('Enter');
      await expect.poll(() => dialog(appFrame(teams)).count()).toBe(1);
      expect(await sent(teams)).toEqual([]);

      await expect.poll(async () => (await badge(h, WHATSAPP)).text).toBe('OFF');
      expect((await badge(h, WHATSAPP)).title).toContain('by your organisation');
      const p = await openPopup(await tabId(h, WHATSAPP));
      expect(await p.locator('[data-state]').getAttribute('data-state')).toBe('off');
      expect(await p.locator('[data-state]').innerText()).toContain('disabled by your organisation');
      await p.close();
      await wa.close();
      await teams.close();
    });

    it('a broken policy keeps the protective defaults, and the popup names the problems', async () => {
      const wa = await openFixture(h, WHATSAPP);
      await livePolicy(BROKEN);
      // Chromium dropped "maybe", "relaxed" and "extreme" (not in the schema's enums): the defaults apply.
      await typeInto(waCompose(wa), TEXT.iban);
      await wa.keyboard.press('Enter');
      await expect.poll(() => dialog(wa).count()).toBe(1);
      expect(await dialog(wa).getAttribute('data-action')).toBe('warn');
      expect(await sent(wa)).toEqual([]);
      const p = await openPopup(await tabId(h, WHATSAPP));
      const problems = p.locator('[data-problems="policy"]');
      await problems.waitFor();
      const text = await problems.innerText();
      expect(text).toContain('customRules[0].pattern: uses look-behind');
      expect(text).toContain('this rule is disabled');
      expect(text).toContain('clients[0]');
      expect(await p.locator('.policy-info').getAttribute('data-source')).toBe('managed');
      await shotPopup(p, 'popup-problems-en.png');
      await p.close();
      await wa.close();
    });
  });
});

// End-to-end: the extension as a whole — stable id, "protection inactive" instead of silent failure,
// fail-closed detection errors, no content in storage or console, no network, the German UI, the
// latency of the synchronous send path, and screenshots of the dialog for the docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appFrame, badge, dialog, EXTENSION_ID, foreignProxyHits, launch, openFixture, paste, ROOT, sent, settle, tabId, TEXT,
  typeInto, WHATSAPP, type Harness,
} from './harness.js';

// Screenshots go to docs/screenshots when asked for (SENDGUARD_SCREENSHOTS=1), else to .tmp.
const SHOTS = join(ROOT, process.env.SENDGUARD_SCREENSHOTS === '1' ? 'docs/screenshots' : '.tmp/screenshots');
/** Fragments of the sensitive test texts: none may show up in storage or any console. */
const SECRETS = ['3704 0044', '4111 1111', 'Depression', 'Sertralin', 'Yilmaz', 'Kaution'];

let h: Harness;
const consoleLines: string[] = [];
beforeAll(async () => {
  h = await launch();
  h.context.on('page', (p) => p.on('console', (m) => consoleLines.push(m.text())));
  h.serviceWorker.on('console', (m) => consoleLines.push(m.text()));
});
afterAll(async () => {
  await h?.close();
});

const compose = (p: Page) => p.locator('#main footer [contenteditable]');

async function popupText(tab: number): Promise<{ state: string | null; text: string }> {
  const p = await h.context.newPage();
  await p.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html?tab=${tab}`);
  await p.locator('footer').waitFor();
  const state = await p.locator('[data-state]').getAttribute('data-state');
  const text = await p.locator('body').innerText();
  await p.close();
  return { state, text };
}

describe('extension', () => {
  it('has the stable id derived from manifest.json\'s key', async () => {
    expect(await h.serviceWorker.evaluate(() => chrome.runtime.id)).toBe(EXTENSION_ID);
  });

  it('shows "protection inactive" with the reason when no compose box is recognised, "active" when there is one', async () => {
    const ok = await openFixture(h, WHATSAPP);
    const noChat = await openFixture(h, `${WHATSAPP}?nochat=1`);
    const broken = await openFixture(h, `${WHATSAPP}?broken=1`);
    await expect.poll(async () => (await badge(h, `${WHATSAPP}`)).text).toBe('ON');
    // Inactive only after the grace period (10 s) in which a compose box may still appear.
    await expect.poll(async () => (await badge(h, `${WHATSAPP}?broken=1`)).text, { timeout: 15_000, interval: 500 }).toBe('!');
    await expect.poll(async () => (await badge(h, `${WHATSAPP}?nochat=1`)).text, { timeout: 5_000 }).toBe('!');
    expect((await badge(h, `${WHATSAPP}?broken=1`)).title).toContain('protection inactive');

    const active = await popupText(await tabId(h, WHATSAPP));
    expect(active.state).toBe('active');
    expect(active.text).toContain('Protection active on this page');
    const b = await popupText(await tabId(h, `${WHATSAPP}?broken=1`));
    expect(b.state).toBe('inactive');
    expect(b.text).toContain('Protection inactive on this page');
    expect(b.text).toContain('compose box on this page was not recognised');
    const n = await popupText(await tabId(h, `${WHATSAPP}?nochat=1`));
    expect(n.text).toContain('No conversation is open');
    // A tab the extension has no status for and no chat URL: not a chat site.
    const other = await h.context.newPage();
    const otherId = await h.serviceWorker.evaluate(async () => (await chrome.tabs.query({})).find((t) => t.url === undefined)?.id ?? -1);
    expect((await popupText(otherId)).text).toContain('Not a chat site');
    // Opening a chat on the no-chat page turns protection on.
    await noChat.locator('[role="row"]').first().click();
    await expect.poll(async () => (await badge(h, `${WHATSAPP}?nochat=1`)).text, { timeout: 5_000 }).toBe('ON');
    for (const p of [ok, noChat, broken, other]) await p.close();
  });

  it('holds the message and says so when detection throws (fail closed)', async () => {
    const p = await openFixture(h, WHATSAPP);
    // Fault injection in the content script's isolated world: the engine's first step throws.
    const cdp = await h.context.newCDPSession(p);
    const contexts: { id: number; name: string }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const iso = contexts.find((c) => c.name === 'SendGuard');
    expect(iso).toBeDefined();
    const fault = (on: boolean) => cdp.send('Runtime.evaluate', {
      contextId: iso!.id,
      expression: on
        ? `String.prototype.__lower = String.prototype.toLowerCase; String.prototype.toLowerCase = function () { if (this.length > 20) throw new Error('injected'); return this.__lower(); }`
        : `String.prototype.toLowerCase = String.prototype.__lower`,
    });
    await fault(true);
    await typeInto(compose(p), TEXT.clean);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await dialog(p).innerText()).toContain('could not check this message');
    expect(await dialog(p).locator('[data-sg="send-anyway"]').count()).toBe(0); // onError: block
    await p.keyboard.press('Escape');
    expect(await sent(p)).toEqual([]);
    await fault(false);
    await p.keyboard.press('Enter');
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'text', text: TEXT.clean, images: 0 }]);
    await p.close();
  });

  it('keeps no message content in storage or console', async () => {
    const p = await openFixture(h, WHATSAPP);
    for (const text of [TEXT.iban, TEXT.health, TEXT.card]) {
      await typeInto(compose(p), text);
      await p.keyboard.press('Enter');
      await expect.poll(() => dialog(p).count()).toBe(1);
      await p.keyboard.press('Escape');
      await p.keyboard.press('Control+A');
      await p.keyboard.press('Backspace');
    }
    const stored = await h.serviceWorker.evaluate(async () => JSON.stringify([
      await chrome.storage.session.get(null), await chrome.storage.local.get(null), await chrome.storage.sync.get(null),
    ]));
    for (const s of SECRETS) {
      expect(stored).not.toContain(s);
      expect(consoleLines.join('\n')).not.toContain(s);
    }
    await p.close();
  });

  it('measures the added latency of the synchronous send path (figure for the docs, no assertion on time)', async () => {
    const p = await openFixture(h, WHATSAPP);
    await p.waitForTimeout(1500); // as a user would: the engine warms up while the page is idle
    const sizes: Record<string, string> = { short: TEXT.clean, medium: `${TEXT.clean} `.repeat(6).trim(), long: `${TEXT.clean} `.repeat(30).trim() };
    const rounds = 20;
    for (const text of Object.values(sizes)) {
      for (let i = 0; i < rounds; i++) {
        // A different text each time, so no cached verdict is measured.
        await paste(compose(p), { text: `${String(i).padStart(2, '0')} ${text}` });
        await compose(p).press('Enter');
      }
    }
    await settle(p);
    expect((await sent(p)).length).toBe(rounds * 3);
    const id = await tabId(h, WHATSAPP);
    const timings = await h.serviceWorker.evaluate((tab) => chrome.tabs.sendMessage(tab, { type: 'bench' }), id) as { ms: number; chars: number; action: string }[];
    // Numbers only: the guard keeps no text.
    for (const t of timings) expect(Object.keys(t).sort()).toEqual(['action', 'chars', 'ms']);
    const stats = Object.fromEntries(Object.entries(sizes).map(([name, text]) => {
      const ms = timings.filter((t) => t.chars === text.length + 3).map((t) => t.ms).sort((a, b) => a - b);
      const q = (f: number) => ms[Math.min(ms.length - 1, Math.floor(f * ms.length))] ?? NaN;
      return [name, { chars: text.length + 3, n: ms.length, median: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +q(1).toFixed(2) }];
    }));
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    writeFileSync(join(ROOT, '.tmp/latency.json'), JSON.stringify(stats, null, 2));
    console.log('send-path latency (ms in the keydown handler):', JSON.stringify(stats));
    expect(Object.values(stats).every((s) => s.n === rounds)).toBe(true);
    await p.close();
  });

  it('makes no request: the recorder sees the extension\'s own pages and worker (canary), and nothing else left', async () => {
    await h.serviceWorker.evaluate(() => fetch('https://canary.invalid/worker').catch(() => undefined));
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html`);
    await popup.evaluate(() => fetch('https://canary.invalid/popup').catch(() => undefined));
    await popup.close();
    await expect.poll(() => h.escaped.length).toBe(2);
    expect(h.escaped).toEqual(['https://canary.invalid/worker', 'https://canary.invalid/popup']);
    expect(foreignProxyHits(h), h.proxyHits.join('\n')).toEqual([]);
  });
});

// Chromium's German UI strings come with Debian's chromium-l10n; without them the UI (and so
// chrome.i18n) falls back to English whatever --lang says.
const GERMAN_UI = existsSync('/usr/lib/chromium/locales/de.pak');

describe.skipIf(!GERMAN_UI)('German browser language (needs apt-get install chromium-l10n)', () => {
  let de: Harness;
  beforeAll(async () => {
    de = await launch({ lang: 'de-DE' });
  });
  afterAll(async () => {
    await de?.close();
  });

  it('shows the dialog in German (screenshots of both sites for the docs)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const wa = await openFixture(de, `${WHATSAPP}?lang=de`);
    await typeInto(wa.locator('#main footer [contenteditable]'), `${TEXT.health} Überweisung bitte an DE89 3704 0044 0532 0130 00.`);
    await wa.keyboard.press('Enter');
    await expect.poll(() => dialog(wa).count()).toBe(1);
    expect(await dialog(wa).innerText()).toContain('Nachricht vor dem Senden prüfen');
    expect(await dialog(wa).locator('[data-sg="edit"]').innerText()).toBe('Nachricht bearbeiten');
    expect(await dialog(wa).locator('[data-sg="send-anyway"]').innerText()).toBe('Trotzdem senden');
    await wa.screenshot({ path: join(SHOTS, 'whatsapp-warn-de.png') });
    await wa.close();

    const teams = await openFixture(de, 'https://teams.microsoft.com/v2/?lang=de');
    const f = appFrame(teams);
    await typeInto(f.locator('.compose-slot [data-tid="ckeditor"]'), TEXT.card);
    await teams.keyboard.press('Enter');
    await expect.poll(() => dialog(f).count()).toBe(1);
    expect(await dialog(f).innerText()).toContain('Diese Nachricht kann nicht gesendet werden');
    await teams.screenshot({ path: join(SHOTS, 'teams-block-de.png') });
    await teams.close();
  });
});

describe('screenshots (English)', () => {
  it('WhatsApp media editor and Teams reply pane', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const wa = await openFixture(h, WHATSAPP);
    await paste(wa.locator('#main footer [contenteditable]'), { images: 1 });
    await typeInto(wa.locator('[role="dialog"] [contenteditable]'), TEXT.iban);
    await wa.keyboard.press('Enter');
    await expect.poll(() => dialog(wa).count(), { timeout: 20_000 }).toBe(1);
    await wa.screenshot({ path: join(SHOTS, 'whatsapp-caption-warn-en.png') });
    await wa.close();

    const t = await openFixture(h, 'https://teams.microsoft.com/v2/?view=channel');
    await t.locator('[data-tid="response-summary-button"]').first().click();
    await typeInto(t.locator('[id^="channel-replies-"] [data-tid="ckeditor"]'), TEXT.health);
    await t.keyboard.press('Enter');
    await expect.poll(() => dialog(t).count()).toBe(1);
    await t.screenshot({ path: join(SHOTS, 'teams-reply-warn-en.png') });
    await t.close();
  });
});

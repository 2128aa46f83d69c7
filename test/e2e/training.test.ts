// End-to-end (issue 6): the training page, as a trainer uses it — no chat account, the same guard,
// dialog and live hints as on the sites, prepared scenarios (including look-alikes that must not
// trigger), the explanation open, training mode never blocking, and nothing recorded or sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dialog, EXTENSION_ID, foreignProxyHits, launch, noDialog, ROOT, type Harness } from './harness.js';
import { otherBrowsersGone } from './managed.js';

const SHOTS = join(ROOT, process.env.SENDGUARD_SCREENSHOTS === '1' ? 'docs/screenshots' : '.tmp/screenshots');
const PAGE = `chrome-extension://${EXTENSION_ID}/src/ui/training/index.html`;

let h: Harness;
beforeAll(async () => {
  // A managed policy file another test writes applies to every browser on the machine: not meanwhile.
  await otherBrowsersGone();
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

async function open(): Promise<Page> {
  const p = await h.context.newPage();
  await p.setViewportSize({ width: 1360, height: 860 });
  await p.goto(PAGE);
  await p.locator('[data-training-chat="whatsapp"] [data-training-editor]').waitFor();
  return p;
}

const chat = (p: Page, site: 'whatsapp' | 'teams') => p.locator(`[data-training-chat="${site}"]`);
const sentTexts = (p: Page, site: 'whatsapp' | 'teams') => chat(p, site).locator('[data-training-sent] .text').allInnerTexts();
const scenario = (p: Page, id: string) => p.locator(`[data-scenario="${id}"]`);

async function auditLog(): Promise<unknown[]> {
  return h.serviceWorker.evaluate(async () => ((await chrome.storage.local.get('auditLog')) as { auditLog?: unknown[] }).auditLog ?? []);
}

describe('training page', () => {
  it('is reachable from the popup', async () => {
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html`);
    const [page] = await Promise.all([h.context.waitForEvent('page'), popup.locator('[data-sg="open-training"]').click()]);
    await page.waitForURL(PAGE);
    await page.locator('[data-scenario]').first().waitFor();
    expect(await page.locator('[data-scenario]').count()).toBeGreaterThanOrEqual(8);
    await page.close();
  });

  it('a scenario shows exactly the employees\' dialog, with the explanation open; live hints mark the finding', async () => {
    const p = await open();
    await scenario(p, 'health_client').locator('[data-action="insert"]').click();
    await expect.poll(() => p.evaluate(() => {
      const hl = (CSS as unknown as { highlights: Map<string, Iterable<Range>> }).highlights.get('sendguard-warn');
      return hl ? [...hl].map((r) => r.toString()) : [];
    })).toEqual(expect.arrayContaining(['depression', 'sertraline']));
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    const d = dialog(p);
    expect(await d.getAttribute('data-action')).toBe('warn');
    expect(await d.locator('li[data-type="health"]').count()).toBe(1);
    expect(await d.locator('details[data-sg="explain"]').getAttribute('open')).not.toBeNull();
    expect(await d.locator('details[data-sg="explain"]').innerText()).toContain('§ 203 StGB');
    expect(await d.locator('.recipient').innerText()).toContain('Team North');
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: join(SHOTS, 'training-dialog-en.png') });
    await d.locator('[data-sg="edit"]').click();
    expect(await noDialog(p)).toBe(true);
    await p.close();
  });

  it('look-alikes do not trigger: they are simply sent', async () => {
    const p = await open();
    for (const id of ['lookalike_order', 'lookalike_idiom', 'lookalike_flu', 'lookalike_names']) {
      const site = (await scenario(p, id).locator('.site').innerText()).includes('Teams') ? 'teams' : 'whatsapp';
      const before = (await sentTexts(p, site)).length;
      await scenario(p, id).locator('[data-action="send"]').click();
      await expect.poll(async () => (await sentTexts(p, site)).length).toBe(before + 1);
      expect(await noDialog(p)).toBe(true);
    }
    await p.close();
  });

  it('in training mode a block becomes a warning that can be sent anyway; "Mask and send" works here too', async () => {
    const p = await open();
    await scenario(p, 'card_booking').locator('[data-action="send"]').click();
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await dialog(p).getAttribute('data-action')).toBe('block');
    expect(await dialog(p).locator('[data-sg="send-anyway"]').count()).toBe(0);
    await p.keyboard.press('Escape');
    await p.locator('.segmented input[value="training"]').check();
    await chat(p, 'teams').locator('[data-training-editor]').press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await dialog(p).getAttribute('data-action')).toBe('warn');
    expect(await dialog(p).locator('[data-sg="training-badge"]').count()).toBe(1);
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await expect.poll(() => sentTexts(p, 'teams')).toEqual(['The company card for the hotel booking: 4111 1111 1111 1111, valid until 12/29.']);
    await scenario(p, 'iban_rent').locator('[data-action="send"]').click();
    await expect.poll(() => dialog(p).count()).toBe(1);
    await dialog(p).locator('[data-sg="mask"]').click();
    await expect.poll(() => sentTexts(p, 'whatsapp')).toEqual(["Could you transfer Mr Peters' rent to DE89 •••• •••• •••• •••• 00 today?"]);
    await p.close();
  });

  it('the sick-note photo is read (OCR, issue 5): its harmless caption does not let it through', async () => {
    const p = await open();
    await scenario(p, 'sick_note_photo').locator('[data-action="insert"]').click();
    expect(await chat(p, 'whatsapp').locator('[data-training-attachment] img').count()).toBe(1);
    await chat(p, 'whatsapp').locator('[data-training-send]').click();
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    expect(await dialog(p).locator('[data-sg="in-image"]').count()).toBeGreaterThan(0);
    expect(await chat(p, 'whatsapp').locator('[data-training-sent] img.photo').count()).toBe(0);
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await expect.poll(() => chat(p, 'whatsapp').locator('[data-training-sent] img.photo').count()).toBe(1);
    await p.close();
  });

  it('records nothing and sends nothing', async () => {
    expect(await auditLog()).toEqual([]);
    expect(h.escaped).toEqual([]);
    expect(foreignProxyHits(h)).toEqual([]);
  });

  it('screenshot for the docs', async () => {
    const p = await open();
    await scenario(p, 'iban_rent').locator('[data-action="insert"]').click();
    await p.waitForTimeout(600);
    await p.screenshot({ path: join(SHOTS, 'training-en.png') });
    await p.close();
  });
});

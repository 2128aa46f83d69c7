// End-to-end (issue 5): images pasted, dropped or attached on both sites are read in the extension's
// offscreen document and judged with their caption. One browser for the whole file; real corpus images.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appFrame, dialog, foreignProxyHits, launch, noDialog, openFixture, ROOT, sent, settle, typeInto, WHATSAPP, type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

const TEAMS = 'https://teams.microsoft.com/v2/';
// Screenshots go to docs/screenshots when asked for (SENDGUARD_SCREENSHOTS=1), else to .tmp.
const SHOTS = join(ROOT, process.env.SENDGUARD_SCREENSHOTS === '1' ? 'docs/screenshots' : '.tmp/screenshots');
mkdirSync(SHOTS, { recursive: true });
const image = (name: string) => join(ROOT, 'test/data/corpus/images', name);
const bytes = (path: string) => readFileSync(path).toString('base64');
/** Synthetic: a PNG signature and header, then garbage — no decoder can read it. */
const CORRUPT_PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000002000000020008020000', 'hex'),
  Buffer.alloc(2048, 0x5a),
]).toString('base64');

const compose = (p: Page) => p.locator('#main footer [contenteditable]');
const caption = (p: Page) => p.locator('[role="dialog"] [contenteditable]');
const mediaSend = (p: Page) => p.locator('[role="dialog"] [role="button"]:has([data-icon="wds-ic-send-filled"])');
const teamsBox = (p: Page) => appFrame(p).locator('[data-tid="ckeditor"]').first();
const progress = (p: Page) => p.locator('sendguard-progress [role="dialog"]');
/** Every send the fixture recorded, with the attachment counts. */
const sentAll = (p: Page) => appFrame(p).evaluate(() => (window as unknown as { __fixture: { sent: unknown[] } }).__fixture.sent);

/** Paste (or drop) files the way a user's Ctrl+V / drag does: a DataTransfer with File objects. */
async function transfer(target: Locator, kind: 'paste' | 'drop', files: { b64: string; name: string; type: string }[]): Promise<void> {
  await target.evaluate((el, { kind, files }) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    const e = kind === 'paste'
      ? new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })
      : new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    el.dispatchEvent(e);
  }, { kind, files });
}
const png = (name: string) => ({ b64: bytes(image(name)), name, type: 'image/png' });

async function offscreenDocs(): Promise<number> {
  return h.serviceWorker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);
}

describe('WhatsApp Web: images in the media editor', () => {
  it('a harmless photo dropped onto the chat goes out once, unchanged; OCR loads only now', async () => {
    const p = await openFixture(h, WHATSAPP);
    expect(await offscreenDocs()).toBe(0);
    await transfer(p.locator('#main'), 'drop', [png('dev_poster_sommerfest.png')]);
    await typeInto(caption(p), 'Foto vom Sommerfest');
    await p.keyboard.press('Enter');
    await expect.poll(() => sent(p), { timeout: 30_000 }).toEqual([{ kind: 'media', text: 'Foto vom Sommerfest', images: 1 }]);
    expect(await offscreenDocs()).toBe(1);
    await settle(p);
    expect(await sent(p)).toHaveLength(1);
    expect(await noDialog(p)).toBe(true);
    await p.close();
  });

  it('a pasted bank-slip screenshot is held: the IBAN was found in the image; Edit keeps the caption, Send anyway sends once', async () => {
    const p = await openFixture(h, WHATSAPP);
    await transfer(compose(p), 'paste', [png('dev_sepa_ueberweisung.png')]);
    await typeInto(caption(p), 'so richtig ausgefüllt?');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    const d = dialog(p);
    expect(await d.locator('li[data-type="iban"] [data-sg="in-image"]').innerText()).toBe('Found in the image');
    await p.screenshot({ path: join(SHOTS, 'whatsapp-image-warn-en.png') });
    expect(await d.locator('li[data-type="iban"] mark').first().innerText()).toMatch(/^DE\d\d •/);
    expect(await sent(p)).toEqual([]);
    await d.locator('[data-sg="edit"]').click();
    expect(await noDialog(p)).toBe(true);
    expect(await p.evaluate(() => (window as unknown as { __fixture: { captionText(): string } }).__fixture.captionText())).toBe('so richtig ausgefüllt?');
    // Again (the result is remembered): the dialog comes back at once; "Send anyway" sends it once.
    await caption(p).press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'media', text: 'so richtig ausgefüllt?', images: 1 }]);
    await p.close();
  });

  it('a preview the content script cannot fetch (revoked blob: URL) falls back to the pasted file: still held', async () => {
    const p = await openFixture(h, WHATSAPP);
    await transfer(compose(p), 'paste', [png('dev_invoice_print_shop.png')]);
    await p.evaluate(() => document.querySelectorAll('[role="dialog"] img').forEach((img) => URL.revokeObjectURL((img as HTMLImageElement).src)));
    await typeInto(caption(p), 'bitte zahlen');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    expect(await dialog(p).locator('li[data-type="iban"] [data-sg="in-image"]').count()).toBe(1);
    expect(await sent(p)).toEqual([]);
    await p.close();
  });

  it('attached through the menu\'s file input with a caption and a PDF: held at the send button; the PDF is named as not read', async () => {
    const p = await openFixture(h, WHATSAPP);
    await p.locator('#main footer button[aria-label="Attach"]').click();
    await p.locator('#main footer input[type="file"][accept="*"]').setInputFiles([
      { name: 'AU.png', mimeType: 'image/png', buffer: readFileSync(image('dev_au_bescheinigung.png')) },
      { name: 'Dienstplan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ]);
    await typeInto(caption(p), 'AU von Jonas, bitte in die Akte');
    await mediaSend(p).click();
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    const d = dialog(p);
    expect(await d.locator('li [data-sg="in-image"]').count()).toBeGreaterThan(0);
    expect(await d.locator('[data-sg="files-not-read"]').count()).toBe(1);
    expect(await sent(p)).toEqual([]);
    await p.keyboard.press('Escape');
    expect(await noDialog(p)).toBe(true);
    expect(await caption(p).count()).toBe(1); // the media editor stays open (its Escape never reached the page)
    await p.close();
  });

  it('while an image is read the send is held with "Checking image…"; Cancel returns to the caption, nothing sent', async () => {
    const p = await openFixture(h, WHATSAPP);
    await transfer(compose(p), 'paste', [{ b64: bytes(join(ROOT, 'test/data/bench/chat-1920x1080.png')), name: 'chat.png', type: 'image/png' }]);
    await typeInto(caption(p), 'Schichtübergabe');
    await p.keyboard.press('Enter');
    await expect.poll(() => progress(p).count(), { timeout: 5_000 }).toBe(1);
    expect(await progress(p).innerText()).toContain('Checking image');
    expect(await progress(p).locator('[role="progressbar"]').count()).toBe(1);
    await p.screenshot({ path: join(SHOTS, 'image-check-progress-en.png') });
    await progress(p).locator('[data-sg="cancel"]').click();
    expect(await progress(p).count()).toBe(0);
    await settle(p);
    expect(await noDialog(p)).toBe(true);
    expect(await sent(p)).toEqual([]);
    expect(await p.evaluate(() => (window as unknown as { __fixture: { captionText(): string } }).__fixture.captionText())).toBe('Schichtübergabe');
    await p.close();
  });

  it('an image that cannot be read warns ("could not be checked"); Send anyway sends it once', async () => {
    const p = await openFixture(h, WHATSAPP);
    await transfer(compose(p), 'paste', [{ b64: CORRUPT_PNG, name: 'broken.png', type: 'image/png' }]);
    await typeInto(caption(p), 'hier das Foto');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    const d = dialog(p);
    expect(await d.getAttribute('data-action')).toBe('warn');
    expect(await d.locator('#sg-title').innerText()).toBe('Image could not be checked');
    expect(await sent(p)).toEqual([]);
    await d.locator('[data-sg="send-anyway"]').click();
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'media', text: 'hier das Foto', images: 1 }]);
    await p.close();
  });

  it('an offscreen document that goes away while reading: warned, not hung; the next image opens a new one', async () => {
    const p = await openFixture(h, WHATSAPP);
    await transfer(compose(p), 'paste', [{ b64: bytes(image('dev_whiteboard_teamtag.png')), name: 'whiteboard.png', type: 'image/png' }]);
    await p.keyboard.press('Enter');
    await expect.poll(() => progress(p).count(), { timeout: 5_000 }).toBe(1);
    await h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument().catch(() => undefined));
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    expect(await dialog(p).locator('#sg-title').innerText()).toBe('Image could not be checked');
    await dialog(p).locator('[data-sg="edit"]').click();
    // The failure is not remembered: sending again reads the image in a new offscreen document.
    await caption(p).press('Enter');
    await expect.poll(async () => (await sent(p)).length + (await dialog(p).count()), { timeout: 30_000 }).toBe(1);
    expect(await offscreenDocs()).toBe(1);
    await p.close();
  });
});

describe('Teams: inline images and the paperclip', () => {
  it('a message with an inline invoice image is held: IBAN, e-mail found in the image', async () => {
    const p = await openFixture(h, TEAMS);
    const box = teamsBox(p);
    await typeInto(box, 'can you pay this today pls');
    await transfer(box, 'paste', [png('dev_invoice_print_shop.png')]);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    const d = dialog(p);
    expect(await d.locator('li[data-type="iban"] [data-sg="in-image"]').count()).toBe(1);
    expect(await sent(p)).toEqual([]);
    await d.locator('[data-sg="edit"]').click();
    expect(await box.evaluate((el) => (el as unknown as { __modelEditor: { text(): string; images(): string[] } }).__modelEditor.images().length)).toBe(1);
    await p.close();
  });

  it('a screenshot attached with the paperclip is read too; a harmless one goes out with the message', async () => {
    const p = await openFixture(h, TEAMS);
    const box = teamsBox(p);
    const input = appFrame(p).locator('[data-tid="file-upload-input"]').first();
    await input.setInputFiles(image('dev_sepa_ueberweisung.png'));
    await typeInto(box, 'Beleg anbei');
    await appFrame(p).locator('button[data-tid="sendMessageCommands-send"]').click();
    await expect.poll(() => dialog(p).count(), { timeout: 30_000 }).toBe(1);
    expect(await dialog(p).locator('li[data-type="iban"] [data-sg="in-image"]').count()).toBe(1);
    await dialog(p).locator('[data-sg="edit"]').click();
    // Remove the chip, attach a harmless menu instead: it goes out once.
    await appFrame(p).locator('[data-tid="file-preview-root"] button').click();
    await input.setInputFiles(image('dev_speiseplan_kw24.png'));
    await box.press('Enter');
    await expect.poll(() => sentAll(p), { timeout: 30_000 }).toEqual([{ kind: 'compose', text: 'Beleg anbei', images: 0, files: 1 }]);
    await p.close();
  });
});

describe('nothing leaves the browser', () => {
  it('no request other than the fixtures (OCR assets come from the extension package)', () => {
    expect(h.escaped).toEqual([]);
    expect(foreignProxyHits(h)).toEqual([]);
    const foreign = h.seen.filter((u) => !/^(chrome-extension|blob|data):/.test(u) && !/^https:\/\/(web\.whatsapp\.com|teams\.microsoft\.com)\//.test(u));
    expect(foreign).toEqual([]);
  });
});

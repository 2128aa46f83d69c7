// End-to-end: the built extension on the WhatsApp Web fixture (served at https://web.whatsapp.com/).
// Every send path: Enter, Ctrl+Enter, the send button (pointer and keyboard), the media editor's
// caption Enter and send button; the voice button and the search box are left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  dialog, draftOf, foreignProxyHits, launch, noDialog, openFixture, paste, sent, settle, TEXT, typeInto, WHATSAPP,
  type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

const compose = (p: Page) => p.locator('#main footer [contenteditable]');
const slotButton = (p: Page) => p.locator('#main footer [data-tab="11"]');
const caption = (p: Page) => p.locator('[role="dialog"] [contenteditable]');
const mediaSend = (p: Page) => p.locator('[role="dialog"] [role="button"]:has([data-icon="wds-ic-send-filled"])');
const reverts = (p: Page) => p.evaluate(() => (window as unknown as { __fixture: { reverts(): number } }).__fixture.reverts());

async function open(query = ''): Promise<Page> {
  return openFixture(h, WHATSAPP + query);
}

describe('WhatsApp Web: clean messages go out untouched', () => {
  it('on Enter and on the send button, exactly once, without a dialog', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.clean);
    await p.keyboard.press('Enter');
    await typeInto(compose(p), 'Zweite Zeile folgt\nhier');
    await slotButton(p).click();
    await settle(p);
    expect(await sent(p)).toEqual([
      { kind: 'text', text: TEXT.clean, images: 0 },
      { kind: 'text', text: 'Zweite Zeile folgt\nhier', images: 0 },
    ]);
    expect(await noDialog(p)).toBe(true);
    await p.close();
  });

  it('a pasted image with a clean caption is sent from the media editor', async () => {
    const p = await open();
    await paste(compose(p), { images: 2 });
    await typeInto(caption(p), 'Foto vom Sommerfest');
    await p.keyboard.press('Enter');
    // The images are read first (issue 5; the first one starts the OCR engine).
    await expect.poll(() => sent(p), { timeout: 20_000 }).toEqual([{ kind: 'media', text: 'Foto vom Sommerfest', images: 2 }]);
    await p.close();
  });
});

describe('WhatsApp Web: sensitive messages are held on every send path', () => {
  const cases: [string, string, (p: Page) => Promise<void>][] = [
    ['Enter', TEXT.iban, (p) => p.keyboard.press('Enter')],
    ['Ctrl+Enter', TEXT.health, (p) => p.keyboard.press('Control+Enter')],
    ['the send button (pointer)', TEXT.iban, (p) => slotButton(p).click()],
    ['the send button (keyboard)', TEXT.health, async (p) => {
      await slotButton(p).focus();
      await p.keyboard.press('Space');
    }],
  ];
  for (const [path, text, send] of cases) {
    it(`${path}: held, dialog shown, draft intact`, async () => {
      const p = await open();
      await typeInto(compose(p), text);
      await send(p);
      await expect.poll(() => dialog(p).count()).toBe(1);
      expect(await sent(p)).toEqual([]);
      expect(await draftOf(compose(p))).toBe(text);
      const d = dialog(p);
      expect(await d.getAttribute('aria-modal')).toBe('true');
      if (text === TEXT.iban) {
        expect(await d.locator('li[data-type="iban"] mark').innerText()).toBe('DE89 •••• •••• •••• •••• 00');
        expect(await d.innerText()).not.toContain('3704 0044');
      } else {
        expect(await d.locator('li[data-type="health"]').count()).toBe(1);
      }
      await p.close();
    });
  }

  it('media editor: caption Enter and its own send button are held; Escape in the dialog keeps the media editor', async () => {
    const p = await open();
    await paste(compose(p), { images: 1 });
    await typeInto(caption(p), TEXT.iban);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count(), { timeout: 20_000 }).toBe(1);
    // Found in the caption; the image (1×1 pixel) was read too and holds nothing (issue 5).
    expect(await dialog(p).locator('[data-sg="in-image"]').count()).toBe(0);
    await p.keyboard.press('Escape');
    await settle(p);
    // The page's own Escape handler (closes the media editor) never saw the dialog's Escape.
    expect(await p.evaluate(() => (window as unknown as { __fixture: { escapes: number } }).__fixture.escapes)).toBe(0);
    expect(await caption(p).count()).toBe(1);
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Add a caption');
    await mediaSend(p).click();
    await expect.poll(() => dialog(p).count(), { timeout: 20_000 }).toBe(1);
    expect(await sent(p)).toEqual([]);
    expect(await draftOf(caption(p))).toBe(TEXT.iban);
    await p.close();
  });
});

describe('WhatsApp Web: the user decides', () => {
  it('Escape, then editing, then Enter sends the corrected text once', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.iban);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    await p.keyboard.press('Escape');
    expect(await noDialog(p)).toBe(true);
    // Focus is back in the same box with the caret at the end: typing continues the draft.
    await p.keyboard.type(' Danke!');
    expect(await draftOf(compose(p))).toBe(`${TEXT.iban} Danke!`);
    await p.keyboard.press('Control+A');
    await p.keyboard.type('Die Kontodaten schicke ich dir per Post.');
    await p.keyboard.press('Enter');
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'text', text: 'Die Kontodaten schicke ich dir per Post.', images: 0 }]);
    expect(await reverts(p)).toBe(0); // the extension never wrote into the editor
    await p.close();
  });

  it('"Edit message" returns to the box; "Send anyway" sends the original once (Enter and button)', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.iban);
    await p.keyboard.press('Enter');
    await dialog(p).locator('[data-sg="edit"]').click();
    expect(await noDialog(p)).toBe(true);
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-tab'))).toBe('10');
    await p.keyboard.press('Enter');
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'text', text: TEXT.iban, images: 0 }]);
    await typeInto(compose(p), TEXT.health);
    await slotButton(p).click();
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await p.waitForTimeout(300);
    expect(await sent(p)).toEqual([
      { kind: 'text', text: TEXT.iban, images: 0 },
      { kind: 'text', text: TEXT.health, images: 0 },
    ]);
    expect(await noDialog(p)).toBe(true);
    await p.close();
  });

  it('Enter on the focused media send button (a div[role=button] acting on the key) is held; "Send anyway" sends once', async () => {
    const p = await open();
    await paste(compose(p), { images: 1 });
    await typeInto(caption(p), TEXT.iban);
    await mediaSend(p).focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await sent(p)).toEqual([]);
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await p.waitForTimeout(300);
    expect(await sent(p)).toEqual([{ kind: 'media', text: TEXT.iban, images: 1 }]);
    await p.close();
  });

  it('"Send anyway" in the media editor sends image and caption once', async () => {
    const p = await open();
    await paste(compose(p), { images: 1 });
    await typeInto(caption(p), TEXT.health);
    await mediaSend(p).click();
    await dialog(p).locator('[data-sg="send-anyway"]').click();
    await p.waitForTimeout(300);
    expect(await sent(p)).toEqual([{ kind: 'media', text: TEXT.health, images: 1 }]);
    await p.close();
  });

  it('a blocked message offers no way to send it', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.card);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await dialog(p).getAttribute('data-action')).toBe('block');
    expect(await dialog(p).locator('[data-sg="send-anyway"]').count()).toBe(0);
    expect(await dialog(p).locator('mark').innerText()).toBe('4111 •••• •••• ••11');
    // Keyboard inside the dialog never reaches the page; Tab stays inside (through the explanation,
    // "report false alarm" and "mask and send", issue 6) and comes round to "Edit message".
    const focusIn = () => p.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
      return host?.tagName === 'SENDGUARD-DIALOG' ? (inner?.dataset['sg'] ?? inner?.tagName ?? 'none') : 'outside';
    });
    for (let i = 0; i < 10; i++) {
      await p.keyboard.press('Tab');
      expect(await focusIn()).not.toBe('outside');
      if ((await focusIn()) === 'edit') break;
    }
    expect(await focusIn()).toBe('edit');
    await p.keyboard.press('Enter');
    expect(await noDialog(p)).toBe(true);
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    await p.keyboard.press('Escape');
    await slotButton(p).click();
    await expect.poll(() => dialog(p).count()).toBe(1);
    await p.keyboard.press('Escape');
    expect(await sent(p)).toEqual([]);
    expect(await draftOf(compose(p))).toBe(TEXT.card);
    await p.close();
  });
});

describe('WhatsApp Web: what must not be guarded', () => {
  it('an Enter that commits an IME composition does not send and is not held', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.iban);
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Input.imeSetComposition', { text: 'ど', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: 'ど' });
    // A composing Enter as an IME sends it (keyCode 229, isComposing).
    await compose(p).evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true })));
    await settle(p);
    expect(await noDialog(p)).toBe(true);
    expect(await sent(p)).toEqual([]);
    expect(await draftOf(compose(p))).toBe(`${TEXT.iban}ど`);
    // A real Enter afterwards is a send, and held.
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    await p.close();
  });

  it('Shift+Enter is a line break, not a send', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.iban);
    await p.keyboard.press('Shift+Enter');
    await settle(p);
    expect(await noDialog(p)).toBe(true);
    expect(await draftOf(compose(p))).toBe(`${TEXT.iban}\n`);
    await p.close();
  });

  for (const variant of ['', '?icons=legacy&lang=de']) {
    it(`the voice button in the send slot is untouched ${variant || '(current icons)'}`, async () => {
      const p = await open(variant);
      await slotButton(p).click();
      await settle(p);
      expect(await p.evaluate(() => (window as unknown as { __fixture: { recordings: number } }).__fixture.recordings)).toBe(1);
      expect(await p.locator('#main [data-fixture="recording"]').isVisible()).toBe(true);
      expect(await noDialog(p)).toBe(true);
      await p.close();
    });
  }

  it('the chat-list search box (also Lexical) is not guarded', async () => {
    const p = await open();
    await typeInto(p.locator('#side [contenteditable]'), 'DE89 3704 0044 0532 0130 00 Team');
    await p.keyboard.press('Enter');
    await settle(p);
    expect(await noDialog(p)).toBe(true);
    await p.close();
  });
});

describe('WhatsApp Web: adapters survive what changes', () => {
  it('German labels and the legacy icon set (div[role=button], data-icon="send")', async () => {
    const p = await open('?lang=de&icons=legacy');
    await typeInto(compose(p), TEXT.iban);
    await slotButton(p).click();
    await expect.poll(() => dialog(p).count()).toBe(1);
    await p.keyboard.press('Escape');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    await p.keyboard.press('Escape');
    await p.keyboard.press('Control+A');
    await p.keyboard.type(TEXT.clean);
    await slotButton(p).click();
    await settle(p);
    expect(await sent(p)).toEqual([{ kind: 'text', text: TEXT.clean, images: 0 }]);
    await p.close();
  });

  it('chat switches re-mount #main; a pre-filled draft is still checked', async () => {
    const p = await open();
    await typeInto(compose(p), TEXT.health);
    await p.locator('[role="row"][data-chat="4915198765432"]').click();
    await typeInto(compose(p), TEXT.clean);
    await p.keyboard.press('Enter');
    await p.locator('[role="row"][data-chat="4917012345678"]').click();
    expect(await draftOf(compose(p))).toBe(TEXT.health);
    await compose(p).click();
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog(p).count()).toBe(1);
    expect(await dialog(p).innerText()).toContain('Anna Becker');
    expect(await sent(p)).toEqual([{ kind: 'text', text: TEXT.clean, images: 0 }]);
    await p.close();
  });
});

describe('WhatsApp Web: offline', () => {
  it('no request left the browser during these tests', () => {
    expect(h.escaped).toEqual([]);
    expect(foreignProxyHits(h)).toEqual([]);
  });
});

// End-to-end: the adapters against modest drift of both sites (fixture variants ?drift=1…4, see
// test/fixtures/README.md; ?drift=4 on WhatsApp): editor markers dropped, send icons renamed or gone
// (label only, German), send controls without a button role, the compose area's tag or place changed. For each: a clean message goes out on Enter, an IBAN is
// held on Enter and on the send button, and the badge says "ON". A redesign no layer recognises
// (?broken=1 on both sites) must say "protection inactive", never pass silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { badge, dialog, draftOf, launch, noDialog, openFixture, sent, settle, TEXT, typeInto, WHATSAPP, type Harness } from './harness.js';

const TEAMS = 'https://teams.microsoft.com/v2/';

let h: Harness;
let broken: Page[] = [];
beforeAll(async () => {
  h = await launch();
  // Opened first: "inactive" is only reported after the 10 s grace period, which the other tests use.
  broken = [await openFixture(h, `${WHATSAPP}?broken=1`), await openFixture(h, `${TEAMS}?broken=1`)];
});
afterAll(async () => {
  await h?.close();
});

interface Variant {
  url: string;
  what: string;
  box: (p: Page) => Locator;
  button: (p: Page) => Locator;
  /** WhatsApp's voice button (shares the send button's slot): must never be held. */
  voice?: (p: Page) => Locator;
}

const waBox = (p: Page) => p.locator('#main [contenteditable="true"]');
const waButton = (label: string) => (p: Page) => p.locator(`#main [aria-label="${label}"]`);
const teamsBox = (p: Page) => p.locator('.compose-slot .ck-editor__editable');
const teamsButton = (p: Page) => p.locator('.compose-slot .send-bar button:last-child');

const VARIANTS: Variant[] = [
  {
    url: `${WHATSAPP}?drift=1`, what: 'WhatsApp: no data-lexical-editor/data-tab, icons renamed', box: waBox, button: waButton('Send'),
    voice: waButton('Voice message'),
  },
  {
    url: `${WHATSAPP}?drift=2`, what: 'WhatsApp: bare contenteditable, label-only "Senden"', box: waBox, button: waButton('Senden'),
    voice: waButton('Sprachnachricht'),
  },
  {
    url: `${WHATSAPP}?drift=3`, what: 'WhatsApp: compose area without <footer>, div buttons', box: waBox, button: waButton('Send'),
    voice: waButton('Voice message'),
  },
  {
    url: `${WHATSAPP}?drift=4`, what: 'WhatsApp: send/voice are divs with a label and no role', box: waBox, button: waButton('Send'),
    voice: waButton('Voice message'),
  },
  { url: `${TEAMS}?drift=1`, what: 'Teams: no data-tid=ckeditor, send data-tid renamed, "Send message"', box: teamsBox, button: teamsButton },
  { url: `${TEAMS}?drift=2`, what: 'Teams: no data-tid, other id scheme, label-only "Nachricht senden"', box: teamsBox, button: teamsButton },
  { url: `${TEAMS}?drift=3`, what: 'Teams: compose area moved out of <main>, send bar above', box: teamsBox, button: teamsButton },
];

const texts = (p: Page) => sent(p).then((s) => s.map((m) => m.text));

describe('drift: the guard keeps working, or says it does not', () => {
  for (const v of VARIANTS) {
    it(`${v.what} (${v.url.replace(/^https:\/\//, '')})`, async () => {
      const p = await openFixture(h, v.url);
      await expect.poll(async () => (await badge(h, v.url)).text, { timeout: 5_000 }).toBe('ON');
      if (v.voice) {
        // The empty box shows the voice button in the send slot: it records, nothing is held.
        await v.voice(p).click();
        expect(await p.evaluate(() => (window as unknown as { __fixture: { recordings: number } }).__fixture.recordings)).toBe(1);
        expect(await noDialog(p)).toBe(true);
      }
      // Clean: goes out on Enter, no dialog.
      await typeInto(v.box(p), TEXT.clean);
      await p.keyboard.press('Enter');
      await settle(p);
      expect(await texts(p)).toEqual([TEXT.clean]);
      expect(await noDialog(p)).toBe(true);
      // IBAN: held on Enter …
      await typeInto(v.box(p), TEXT.iban);
      await p.keyboard.press('Enter');
      await expect.poll(() => dialog(p).count()).toBe(1);
      expect(await dialog(p).locator('li[data-type="iban"]').count()).toBe(1);
      expect(await texts(p)).toEqual([TEXT.clean]);
      // … and on the send button.
      await p.keyboard.press('Escape');
      expect(await noDialog(p)).toBe(true);
      await v.button(p).click();
      await expect.poll(() => dialog(p).count()).toBe(1);
      expect(await texts(p)).toEqual([TEXT.clean]);
      expect(await draftOf(v.box(p))).toBe(TEXT.iban);
      if (v.voice) {
        // The search box (its markers drifted too) never sends: Enter there is not held.
        await p.keyboard.press('Escape');
        await typeInto(p.locator('#side [contenteditable="true"]'), TEXT.iban);
        await p.keyboard.press('Enter');
        await settle(p);
        expect(await noDialog(p)).toBe(true);
      }
      await p.close();
    });
  }

  it('a redesign no layer recognises says "protection inactive" on both sites', async () => {
    for (const url of [`${WHATSAPP}?broken=1`, `${TEAMS}?broken=1`]) {
      await expect.poll(async () => (await badge(h, url)).text, { timeout: 15_000, interval: 500 }).toBe('!');
      expect((await badge(h, url)).title).toContain('protection inactive');
    }
    for (const p of broken) await p.close();
  });
});

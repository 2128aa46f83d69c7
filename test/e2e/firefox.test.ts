// End-to-end smoke test of the Firefox build (dist/firefox) in Debian's Firefox ESR, driven with
// puppeteer-core over WebDriver BiDi (no browser download): the add-on is installed temporarily (the
// shipped zip; the unpacked folder for the policy test), the
// WhatsApp fixture is served at https://web.whatsapp.com/ through request interception (every other
// request is aborted and recorded), and the send guard must hold an IBAN, let a clean message go, and
// read an image in the background event page (Firefox has no offscreen document).
// Skips when /usr/bin/firefox-esr is missing (`apt-get install -y firefox-esr`; .ci/run installs it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { extname, join, normalize } from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { ROOT, TEXT } from './harness.js';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const DIST = join(ROOT, 'dist/firefox');
const FIXTURES = join(ROOT, 'test/fixtures');
const ADDON_ID = readFileSync(join(ROOT, 'docs/firefox-extension-id.txt'), 'utf8').trim();
const haveFirefox = existsSync(FIREFOX);
if (!haveFirefox) console.warn(`firefox.test.ts skipped: ${FIREFOX} not found (apt-get install -y firefox-esr; or set FIREFOX=/path/to/firefox)`);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png',
};

let browser: Browser;
const profiles: string[] = [];

/** The zip `npm run build` ships (what gets signed as the .xpi). */
function builtZip(): string {
  const version = (JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { version: string }).version;
  return join(ROOT, 'dist', `sendguard-firefox-${version}.zip`);
}

/**
 * Firefox ESR with the Firefox build installed temporarily (as about:debugging does: unsigned is
 * fine), from the zip or the unpacked folder.
 */
async function launchFirefox(from: 'zip' | 'folder'): Promise<Browser> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/firefox is missing: run `npm run build` first');
  const addon = from === 'zip' ? builtZip() : DIST;
  if (!existsSync(addon)) throw new Error(`${addon} is missing: run \`npm run build\` first`);
  const { default: puppeteer } = await import('puppeteer-core');
  const tmp = join(ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const profile = mkdtempSync(join(tmp, 'firefox-'));
  profiles.push(profile);
  const b = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      // No update checks, telemetry or remote settings from the browser itself.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'services.settings.server': 'http://127.0.0.1:9/',
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.http.speculative-parallel-limit': 0,
    },
  });
  expect(await b.installExtension(addon)).toBe(ADDON_ID);
  return b;
}
const escaped: string[] = [];

/** The WhatsApp fixture at its real URL; anything else is aborted and recorded. */
function serve(r: HTTPRequest): void {
  const url = new URL(r.url());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return void r.continue();
  if (url.hostname === 'web.whatsapp.com') {
    let file = join(FIXTURES, 'whatsapp/index.html');
    if (url.pathname.startsWith('/__fixture/')) {
      const rel = normalize(url.pathname.slice('/__fixture/'.length));
      file = rel.startsWith('..') ? '' : join(FIXTURES, rel);
    } else if (url.pathname === '/favicon.ico') file = '';
    if (file && existsSync(file)) return void r.respond({ status: 200, contentType: MIME[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    return void r.respond({ status: 404, body: '' });
  }
  escaped.push(url.href);
  void r.abort('blockedbyclient');
}

async function openWhatsApp(b = browser): Promise<Page> {
  const page = await b.newPage();
  await page.setRequestInterception(true);
  page.on('request', serve);
  await page.goto('https://web.whatsapp.com/');
  await page.waitForFunction(() => (window as unknown as { __fixture?: { ready?: boolean } }).__fixture?.ready === true, { timeout: 15_000 });
  return page;
}

const sentTexts = (p: Page) => p.evaluate(() => (window as unknown as { __fixture: { sent: { kind: string; text: string; images: number }[] } }).__fixture.sent.map((m) => ({ kind: m.kind, text: m.text, images: m.images })));
/** The SendGuard dialog, inside its open shadow root. */
const dialogText = (p: Page) => p.evaluate(() => document.querySelector('sendguard-dialog')?.shadowRoot?.querySelector('[role="dialog"]')?.textContent ?? null);
const compose = '#main footer [contenteditable]';

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!haveFirefox)('Firefox ESR: the Firefox build on the WhatsApp fixture', () => {
  beforeAll(async () => {
    browser = await launchFirefox('zip');
  });
  afterAll(async () => {
    await browser?.close();
    for (const p of profiles.splice(0)) rmSync(p, { recursive: true, force: true });
  });

  it('an IBAN on Enter is held with the dialog and the draft stays; a clean message goes out', async () => {
    const p = await openWhatsApp();
    await p.click(compose);
    await p.keyboard.type(TEXT.clean);
    await p.keyboard.press('Enter');
    expect(await poll(() => sentTexts(p), (s) => s.length === 1)).toEqual([{ kind: 'text', text: TEXT.clean, images: 0 }]);
    expect(await dialogText(p)).toBeNull();

    await p.keyboard.type(TEXT.iban);
    await p.keyboard.press('Enter');
    const text = await poll(() => dialogText(p), (t) => t !== null);
    expect(text).toContain('Bank account (IBAN)');
    expect(text).toContain('DE89 •••• •••• •••• •••• 00');
    expect(text).not.toContain('3704 0044');
    await new Promise((r) => setTimeout(r, 300));
    expect(await sentTexts(p)).toHaveLength(1);
    expect(await p.$eval(compose, (el) => (el as unknown as { __modelEditor: { text(): string } }).__modelEditor.text())).toBe(TEXT.iban);
    await p.close();
  });

  it('an image with an IBAN is read in the background page (no offscreen API) and held', async () => {
    const p = await openWhatsApp();
    // Firefox drops the files of a synthetic paste's DataTransfer, so the image comes through the attach
    // menu's photo input (BiDi input.setFiles), as a user picks it.
    await p.click('#main footer button[aria-label="Attach"]');
    const input = await p.waitForSelector('#main footer input[type="file"][accept^="image"]');
    await input!.uploadFile(join(ROOT, 'test/data/corpus/images/dev_sepa_ueberweisung.png'));
    const caption = '[role="dialog"] [contenteditable]';
    await p.waitForSelector(caption, { timeout: 5_000 });
    await p.click(caption);
    await p.keyboard.type('so richtig?');
    await p.keyboard.press('Enter');
    const text = await poll(() => dialogText(p), (t) => t !== null && /IBAN/.test(t), 40_000);
    expect(text).toContain('Found in the image');
    expect(text).toMatch(/DE22 •/);
    expect(await sentTexts(p)).toEqual([]);
    await p.close();
  }, 60_000);

  it('made no request outside the fixture', () => {
    expect(escaped).toEqual([]);
  });
});

/**
 * The organisation's policy through Firefox's own channel: policies.json in the installation's
 * distribution folder, `3rdparty.Extensions.<add-on id>` → storage.managed. Needs write access there
 * (root, as in CI); skipped when a policies.json is already present (never overwritten).
 */
const DISTRIBUTION = haveFirefox ? join(dirname(realpathSync(FIREFOX)), 'distribution') : '';
const POLICIES = DISTRIBUTION && join(DISTRIBUTION, 'policies.json');
const canWritePolicies = (() => {
  if (!haveFirefox || existsSync(POLICIES)) return false;
  try {
    accessSync(realpathSync(DISTRIBUTION), constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();
if (haveFirefox && !canWritePolicies) console.warn(`firefox.test.ts: managed-policy test skipped (${POLICIES} exists or is not writable)`);

describe.skipIf(!canWritePolicies)('Firefox ESR: the policy from policies.json reaches SendGuard', () => {
  let managed: Browser | undefined;
  afterAll(async () => {
    await managed?.close();
    rmSync(POLICIES, { force: true });
    for (const p of profiles.splice(0)) rmSync(p, { recursive: true, force: true });
  });

  it('an IBAN the policy allows goes out without a dialog', async () => {
    writeFileSync(POLICIES, JSON.stringify({ policies: { '3rdparty': { Extensions: { [ADDON_ID]: { version: 'firefox-e2e', detectors: { iban: { action: 'allow' } } } } } } }));
    managed = await launchFirefox('folder');
    const p = await openWhatsApp(managed);
    // Until the background has read storage.managed the strict defaults apply (they hold IBANs).
    await new Promise((r) => setTimeout(r, 2_500));
    await p.click(compose);
    await p.keyboard.type(TEXT.iban);
    await p.keyboard.press('Enter');
    expect(await poll(() => sentTexts(p), (s) => s.length === 1)).toEqual([{ kind: 'text', text: TEXT.iban, images: 0 }]);
    expect(await dialogText(p)).toBeNull();
  });
});

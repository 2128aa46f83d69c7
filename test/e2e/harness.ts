// Shared harness for the end-to-end tests: the built extension (dist/chrome) in Debian's Chromium,
// fixture pages served at the real URLs through Playwright routing (so the manifest's real match
// patterns are exercised), every other request aborted and recorded, and a proxy sink that records
// anything that would still leave the browser (service worker, extension pages, the browser itself).
import { chromium, type BrowserContext, type Frame, type Locator, type Page, type Route, type Worker } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist/chrome');
const FIXTURES = join(ROOT, 'test/fixtures');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const EXTENSION_ID = readFileSync(join(ROOT, 'docs/extension-id.txt'), 'utf8').trim();

export const WHATSAPP = 'https://web.whatsapp.com/';
export const TEAMS_HOSTS = ['teams.microsoft.com', 'teams.cloud.microsoft', 'teams.live.com', 'teams.microsoft.us'];

/** Synthetic test data (valid checksums, no real person or account). */
export const TEXT = {
  clean: 'Hi Anna, see you tomorrow at 10 in the office.',
  iban: 'Bitte überweise die Kaution an DE89 3704 0044 0532 0130 00 bis Freitag.',
  health: 'Frau Yilmaz hat jetzt die Diagnose Depression und nimmt Sertralin.',
  /** Luhn-valid test card number: the default policy blocks cards. */
  card: 'Meine Karte: 4111 1111 1111 1111, Ablauf 12/29',
} as const;

export function assertBuilt(): void {
  const missing = () => new Error('dist/chrome is missing or incomplete: run `npm run build` first (the test command is `npm run build && npm test`).');
  if (!existsSync(join(DIST, 'manifest.json'))) throw missing();
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { content_scripts?: { js: string[] }[] };
  const scripts = manifest.content_scripts?.flatMap((c) => c.js) ?? [];
  if (scripts.length === 0 || !scripts.every((js) => existsSync(join(DIST, js)))) throw missing();
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Which fixture file answers a URL on a chat host (null: not a fixture URL). */
function fixtureFile(url: URL): string | null {
  // Defender for Cloud Apps proxies Teams under <host>.mcas.ms.
  const host = url.hostname.replace(/\.mcas\.ms$/, '');
  const isTeams = TEAMS_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  if (host !== 'web.whatsapp.com' && !isTeams) return null;
  if (url.pathname.startsWith('/__fixture/')) {
    const rel = normalize(url.pathname.slice('/__fixture/'.length));
    if (rel.startsWith('..')) return null;
    return join(FIXTURES, rel);
  }
  if (url.pathname === '/favicon.ico') return '';
  if (!isTeams) return join(FIXTURES, 'whatsapp/index.html');
  if (url.pathname.endsWith('/app.html')) return join(FIXTURES, 'teams/index.html');
  // teams.live.com hosts the app in a same-origin iframe; ?frame=1 does the same on any Teams host.
  if (host === 'teams.live.com' || url.searchParams.get('frame') === '1') return join(FIXTURES, 'teams/shell.html');
  return join(FIXTURES, 'teams/index.html');
}

/**
 * Chromium's own services (component updater, sign-in, autofill field types, clock sync, GCM push on android.clients.google.com) that reach the proxy even with
 * --disable-background-networking. They are the browser's, not the extension's: the extension's
 * pages and service worker go through routing, where every request is recorded (see the canary test).
 */
const BROWSER_INTERNAL = /^(CONNECT|GET|POST) (https?:\/\/)?(update\.googleapis\.com|accounts\.google\.com|content-autofill\.googleapis\.com|clients\d?\.google\.com|android\.clients\.google\.com|redirector\.gvt1\.com|[a-z0-9-]+\.gvt1\.com)[:/]/;

/** Proxy hits that are not Chromium's own background services. */
export function foreignProxyHits(h: Harness): string[] {
  return h.proxyHits.filter((l) => !BROWSER_INTERNAL.test(l));
}

export interface Harness {
  context: BrowserContext;
  /** Requests that routing did not serve (aborted): must stay empty. */
  escaped: string[];
  /** Connections that reached the proxy sink, i.e. would have left the browser: must stay empty. */
  proxyHits: string[];
  /** Every request Playwright saw (pages, frames, workers). */
  seen: string[];
  serviceWorker: Worker;
  close(): Promise<void>;
}

/** A TCP server posing as the browser's proxy: records the first line of whatever connects. */
async function proxySink(hits: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.once('data', (d) => {
      hits.push(d.toString('latin1').split('\r\n')[0] ?? '?');
      socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : 0 };
}

export async function launch(options: { lang?: string } = {}): Promise<Harness> {
  assertBuilt();
  const tmp = join(ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  const profile = mkdtempSync(join(tmp, 'profile-'));
  // No preconnects: Chromium would otherwise open sockets to the fixture hosts before routing answers.
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default/Preferences'), JSON.stringify({ net: { network_prediction_options: 2 } }));
  const proxyHits: string[] = [];
  const sink = await proxySink(proxyHits);
  const lang = options.lang ?? 'en-US';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: lang,
    viewport: { width: 1280, height: 800 },
    env: { ...process.env, TMPDIR: tmp, LANGUAGE: lang.replace('-', '_') },
    proxy: { server: `http://127.0.0.1:${sink.port}`, bypass: '<-loopback>' },
    args: [
      `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-default-apps', '--disable-domain-reliability', '--metrics-recording-only', `--lang=${lang}`,
    ],
  });
  const escaped: string[] = [];
  const seen: string[] = [];
  context.on('request', (r) => seen.push(r.url()));
  await context.route('**/*', (route: Route) => serve(route, escaped));
  const serviceWorker = context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID))
    ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(EXTENSION_ID), timeout: 15_000 }));
  return {
    context, escaped, proxyHits, seen, serviceWorker,
    async close() {
      await context.close();
      sink.server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function serve(route: Route, escaped: string[]): Promise<void> {
  const url = new URL(route.request().url());
  if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
  const file = fixtureFile(url);
  if (file === null) {
    escaped.push(url.href);
    return route.abort('blockedbyclient');
  }
  if (file === '' || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
  return route.fulfill({ status: 200, contentType: MIME[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
}

// ---- pages ----------------------------------------------------------------------------------------

export async function openFixture(h: Harness, url: string, page?: Page): Promise<Page> {
  const p = page ?? (await h.context.newPage());
  await p.goto(url);
  await appFrame(p).waitForFunction(() => (window as unknown as { __fixture?: { ready?: boolean } }).__fixture?.ready === true);
  return p;
}

/** The frame the chat app runs in (the same-origin iframe on teams.live.com, else the page). */
export function appFrame(page: Page): Frame {
  return page.frames().find((f) => f.url().includes('/v2/app.html')) ?? page.mainFrame();
}

export interface SentMessage {
  kind: string;
  text: string;
  images: number;
}

export async function sent(target: Page | Frame): Promise<SentMessage[]> {
  const frame = 'mainFrame' in target ? appFrame(target) : target;
  return frame.evaluate(() => (window as unknown as { __fixture: { sent: SentMessage[] } }).__fixture.sent.map((m) => ({ kind: m.kind, text: m.text, images: m.images })));
}

/** Click into an editor, put the caret at the end, and type (line breaks with Shift+Enter). */
export async function typeInto(box: Locator, text: string): Promise<void> {
  await box.click();
  await box.page().keyboard.press('Control+End');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await box.page().keyboard.press('Shift+Enter');
    if (lines[i]) await box.page().keyboard.type(lines[i]!);
  }
}

/** A synthetic paste (as automation and other extensions do): text and/or PNG files. */
export async function paste(box: Locator, data: { text?: string; images?: number }): Promise<void> {
  await box.evaluate((el, d) => {
    const dt = new DataTransfer();
    if (d.text) dt.setData('text/plain', d.text);
    // A 1×1 PNG per image.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    for (let i = 0; i < (d.images ?? 0); i++) dt.items.add(new File([png], `photo-${i}.png`, { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

/** The SendGuard dialog (inside the extension's open shadow root; Playwright's CSS engine pierces it). */
export function dialog(target: Page | Frame): Locator {
  return target.locator('sendguard-dialog [role="dialog"]');
}

export async function noDialog(target: Page | Frame): Promise<boolean> {
  return (await target.locator('sendguard-dialog').count()) === 0;
}

/** The draft shown in an editor (its model, as the site would send it). */
export async function draftOf(box: Locator): Promise<string> {
  return box.evaluate((el) => (el as unknown as { __modelEditor: { text(): string } }).__modelEditor.text());
}

/** Resolve when the page has had a chance to act on pending events (two animation frames). */
export async function settle(target: Page | Frame): Promise<void> {
  await target.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Protection state of a tab as the toolbar badge shows it (read in the service worker). */
export async function badge(h: Harness, urlPattern: string): Promise<{ text: string; title: string }> {
  return h.serviceWorker.evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    if (!tab?.id) return { text: '?', title: 'no tab' };
    return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
  }, urlPattern);
}

export async function tabId(h: Harness, urlPattern: string): Promise<number> {
  return h.serviceWorker.evaluate(async (pattern) => (await chrome.tabs.query({ url: pattern }))[0]?.id ?? -1, urlPattern);
}

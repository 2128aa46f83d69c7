// The one place that touches browser.* / chrome.* (Bitwarden style): every other module calls these
// thin functions, so the layers stay testable and a Firefox port changes only this file.
import browser from 'webextension-polyfill';

export type Sender = { tabId?: number; frameId?: number; url?: string };
export type MessageHandler = (message: unknown, sender: Sender) => Promise<unknown> | undefined;

/** Send a message to the background. Resolves undefined when the extension context is gone (update/reload). */
export async function sendToBackground<T>(message: unknown): Promise<T | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as T;
  } catch {
    return undefined;
  }
}

export async function sendToTab<T>(tabId: number, message: unknown, frameId?: number): Promise<T | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId })) as T;
  } catch {
    return undefined;
  }
}

/** Listen for runtime messages. Return a promise from the handler to answer, undefined to ignore. */
export function onMessage(handler: MessageHandler): () => void {
  const listener = (message: unknown, sender: browser.Runtime.MessageSender) =>
    handler(message, { tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url });
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}

/** A localised string from _locales (the browser's UI language, English as the fallback). */
export function t(key: string, substitutions?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}

export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return 'en';
  }
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

export async function setBadge(tabId: number, badge: { text: string; color: string; title: string }): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: badge.text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    await browser.action.setTitle({ tabId, title: badge.title });
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}

export async function activeTab(): Promise<{ id?: number; url?: string } | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ? { id: tab.id, url: tab.url } : undefined;
}

export function onTabRemoved(fn: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener(fn);
}

/** Session storage: survives service-worker restarts, never written to disk. Holds status only, no content. */
export async function sessionGet<T>(key: string): Promise<T | undefined> {
  try {
    return (await browser.storage.session.get(key))[key] as T | undefined;
  } catch {
    return undefined;
  }
}

export async function sessionSet(key: string, value: unknown): Promise<void> {
  try {
    await browser.storage.session.set({ [key]: value });
  } catch {
    // Quota or a closing browser: the status is rebuilt by the next report.
  }
}

export async function sessionRemove(key: string): Promise<void> {
  try {
    await browser.storage.session.remove(key);
  } catch {
    // Nothing stored, or the browser is closing.
  }
}

export async function sessionAll(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.session.get(null);
  } catch {
    return {};
  }
}

// ---- Policy (issue 4): managed storage, the user's options, tabs to tell, extension pages --------

/**
 * The organisation's policy from managed storage ({} when none is set). The first read after browser
 * start can take seconds; it rejects where the browser has no managed storage for the extension
 * (Firefox without policies.json: "Managed storage manifest not found").
 */
export async function managedGet(): Promise<Record<string, unknown>> {
  return (await browser.storage.managed.get(null)) as Record<string, unknown>;
}

/** storage.local: the user's own options and the cached organisation policy (never message content). */
export async function localGet<T>(key: string): Promise<T | undefined> {
  try {
    return (await browser.storage.local.get(key))[key] as T | undefined;
  } catch {
    return undefined;
  }
}

export async function localSet(key: string, value: unknown): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

export async function localRemove(key: string): Promise<void> {
  try {
    await browser.storage.local.remove(key);
  } catch {
    // Nothing stored.
  }
}

/** storage.onChanged: the area ("managed", "local", "sync", "session") and the keys that changed. */
export function onStorageChanged(fn: (area: string, keys: string[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => fn(area, Object.keys(changes)));
}

/** Ids of the open tabs on the sites the content script runs on (the manifest's match patterns). */
export async function contentScriptTabs(): Promise<number[]> {
  const url = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  if (url.length === 0) return [];
  try {
    return (await browser.tabs.query({ url })).flatMap((t) => (t.id === undefined ? [] : [t.id]));
  } catch {
    return [];
  }
}

export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

// ---- Audit log (issue 6): alarms for uploads, opening extension pages ------------------------------

/** A repeating alarm, created only when missing (re-creating would restart its period). */
export async function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  try {
    const existing = await browser.alarms.get(name);
    if (!existing || existing.periodInMinutes !== periodInMinutes) await browser.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
  } catch {
    // No alarms API: uploads then happen when events arrive and when the worker starts.
  }
}

/** A one-off alarm at `when` (ms since 1970), replacing one of the same name. */
export async function alarmAt(name: string, when: number): Promise<void> {
  try {
    await browser.alarms.create(name, { when });
  } catch {
    // See ensureAlarm.
  }
}

export async function clearAlarm(name: string): Promise<void> {
  try {
    await browser.alarms.clear(name);
  } catch {
    // Nothing to clear.
  }
}

export function onAlarm(fn: (name: string) => void): void {
  try {
    browser.alarms.onAlarm.addListener((a) => fn(a.name));
  } catch {
    // See ensureAlarm.
  }
}

/** Open one of the extension's own pages (e.g. the training page) in a new tab. */
export async function openExtensionPage(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
}

// ---- OCR (issue 5): the offscreen document that hosts tesseract.js in Chromium ----------------------

/** The URL of a file inside the extension package (e.g. "ocr/" for the OCR assets). */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

/** A runtime message to the extension's own pages (the offscreen document); undefined when none answers. */
export async function sendToExtension<T>(message: unknown): Promise<T | undefined> {
  return (await browser.runtime.sendMessage(message)) as T | undefined;
}

type OffscreenApi = {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
};
type ContextsApi = (filter: { contextTypes: string[]; documentUrls?: string[] }) => Promise<unknown[]>;

function offscreenApi(): OffscreenApi | undefined {
  return (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
}

/** Whether this browser has the offscreen API (Chromium ≥ 109; Firefox has none). */
export function hasOffscreenApi(): boolean {
  return offscreenApi() !== undefined;
}

/** Is an offscreen document of this extension open? (runtime.getContexts, Chromium ≥ 116; else unknown → false.) */
export async function offscreenOpen(path: string): Promise<boolean> {
  const getContexts = (globalThis as unknown as { chrome?: { runtime?: { getContexts?: ContextsApi } } }).chrome?.runtime?.getContexts;
  if (!getContexts) return false;
  try {
    return (await getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [browser.runtime.getURL(path)] })).length > 0;
  } catch {
    return false;
  }
}

/** Open the offscreen document `path` (reason WORKERS: it runs tesseract.js in a Web Worker). */
export async function createOffscreen(path: string, justification: string): Promise<void> {
  const api = offscreenApi();
  if (!api) throw new Error('no offscreen API in this browser');
  await api.createDocument({ url: path, reasons: ['WORKERS'], justification });
}

export async function closeOffscreen(): Promise<void> {
  try {
    await offscreenApi()?.closeDocument();
  } catch {
    // Not open.
  }
}

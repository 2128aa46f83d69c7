// OCR in the background (issue 5). Firefox: the event page runs tesseract.js itself (runInBackground).
// Chromium: the service worker cannot run tesseract.js (no Worker), so it opens
// an offscreen document (offscreen.html, reason WORKERS) on the first image and forwards requests to it.
// Nothing of OCR loads before that first image. The offscreen document releases its tesseract worker
// after idle time and then asks to be closed; a closed or crashed document is simply opened again.
// Image data and recognised text pass through here in memory only: never stored, never logged.
import type { OcrReply, ToOffscreen } from '../shared/messages.js';
import { closeOffscreen, createOffscreen, hasOffscreenApi, offscreenOpen, sendToExtension, sendToTab } from '../platform/ext.js';
import { canHostOcr, createOcrJobs, type OcrJob } from './ocr-host.js';

export const OFFSCREEN_PATH = 'src/background/offscreen.html';
/**
 * Last resort for one request, queueing in the offscreen document included (its OCR host settles
 * every job within 20 s; a document that dies rejects at once). The content script has its own deadline.
 */
const REQUEST_TIMEOUT_MS = 90_000;
/** Largest data: URL accepted (OCR_MAX_BYTES as base64, with the header). */
const MAX_DATA_URL = Math.ceil((16 * 1024 * 1024 * 4) / 3) + 256;

const jobs = new Map<string, { tabId?: number; frameId?: number }>();
let opening: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  if (await offscreenOpen(OFFSCREEN_PATH)) return;
  opening ??= createOffscreen(OFFSCREEN_PATH, 'Reads the text of images pasted or attached in a chat, on this device, before they are sent.')
    .catch((e: unknown) => {
      // A second create while one is open ("Only a single offscreen document may be created") is fine.
      if (!/single offscreen|already/i.test(e instanceof Error ? e.message : String(e))) throw e;
    })
    .finally(() => {
      opening = null;
    });
  await opening;
}

function failure(kind: 'unreadable' | 'timeout' | 'crashed', message: string): OcrReply {
  return { ok: false, kind, message };
}

/** Read one image (a data: URL) in the offscreen document. Never rejects; failures are OcrReply with ok false. */
export async function runOcr(id: string, image: unknown, from: { tabId?: number; frameId?: number }): Promise<OcrReply> {
  if (typeof image !== 'string' || !/^data:[\w.+-]*\/?[\w.+-]*;base64,/.test(image)) return failure('unreadable', 'not an image');
  if (image.length > MAX_DATA_URL) return failure('unreadable', 'the image is too large to check (over 16 MB)');
  if (!hasOffscreenApi()) return runInBackground(id, image, from);
  jobs.set(id, from);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await ensureOffscreen();
    const message: ToOffscreen = { target: 'offscreen', type: 'ocrRun', id, image };
    const reply = await Promise.race([
      sendToExtension<OcrReply>(message),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS))),
    ]);
    if (reply === 'timeout') return failure('timeout', 'the OCR page did not answer in time');
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') return failure('crashed', 'the OCR page did not answer');
    return reply;
  } catch (e) {
    // The document was closed or crashed while reading ("message port closed"), or could not be opened.
    return failure('crashed', `OCR stopped: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
    jobs.delete(id);
  }
}

/**
 * Firefox: no offscreen API, but the background is an event page with Web Workers, so tesseract.js
 * runs right here (ocr-host.ts, as in the offscreen document). Progress goes straight to the frame.
 */
let inline: OcrJob | null = null;
async function runInBackground(id: string, image: string, from: { tabId?: number; frameId?: number }): Promise<OcrReply> {
  if (!canHostOcr()) return failure('crashed', 'this browser cannot run OCR in the background (no offscreen API, no Worker)');
  inline ??= createOcrJobs(() => undefined);
  jobs.set(id, from);
  try {
    return await inline(image, (status, progress) => relayOcrProgress(id, status, progress));
  } finally {
    jobs.delete(id);
  }
}

/** Progress from the offscreen document, relayed to the frame that asked (numbers and a status word only). */
export function relayOcrProgress(id: unknown, status: unknown, progress: unknown): void {
  const to = typeof id === 'string' ? jobs.get(id) : undefined;
  if (to?.tabId === undefined) return;
  void sendToTab(to.tabId, { type: 'ocrProgress', id, status: String(status).slice(0, 60), progress: Number(progress) || 0 }, to.frameId);
}

/** The offscreen document released its worker after idle time: close it, unless a request is under way. */
export async function ocrIdle(): Promise<void> {
  if (jobs.size > 0 || opening) return;
  await closeOffscreen();
}

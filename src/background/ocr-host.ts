// Runs OCR jobs on an extension page that has Web Workers: Chromium's offscreen document
// (offscreen.ts) and Firefox's background event page (ocr.ts, which has no offscreen API). One
// tesseract host per page, created with the first job; released after IDLE_MS without work, then
// `onIdle` runs. Images (data: URLs) and their text stay in memory, never stored or logged.
import { createBrowserOcr, OCR_ASSET_DIR } from '../ocr/browser.js';
import { OcrError, type Ocr } from '../ocr/index.js';
import { extensionUrl } from '../platform/ext.js';
import type { OcrReply } from '../shared/messages.js';

/** Keep the worker this long after the last image (a follow-up image is then fast), then free it. */
export const IDLE_MS = 120_000;
/** Progress callbacks at most this often per job. */
const PROGRESS_EVERY_MS = 150;

export type OcrJob = (image: string, onProgress?: (status: string, progress: number) => void) => Promise<OcrReply>;

/** Can this page host tesseract.js (a Web Worker)? False in Chromium's service worker. */
export function canHostOcr(): boolean {
  return typeof Worker !== 'undefined';
}

function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const bin = atob(url.slice(comma + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One OCR host for this page; the returned function reads one image and never rejects. */
export function createOcrJobs(onIdle: () => void): OcrJob {
  let ocr: Ocr | null = null;
  let active = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const host = () => (ocr ??= createBrowserOcr(extensionUrl(`${OCR_ASSET_DIR}/`), { timeoutMs: 20_000, idleMs: IDLE_MS }));

  return async (image, onProgress) => {
    clearTimeout(idleTimer);
    active++;
    let last = 0;
    try {
      let bytes: Uint8Array;
      try {
        bytes = dataUrlBytes(image);
      } catch {
        return { ok: false, kind: 'unreadable', message: 'the image data could not be decoded' };
      }
      const r = await host().recognize(bytes, {
        onProgress: ({ status, progress }) => {
          const now = performance.now();
          if (now - last < PROGRESS_EVERY_MS && progress < 1) return;
          last = now;
          onProgress?.(status, progress);
        },
      });
      return { ok: true, text: r.text, confidence: r.confidence, ms: r.ms, cold: r.cold };
    } catch (e) {
      if (e instanceof OcrError) return { ok: false, kind: e.kind, message: e.message };
      return { ok: false, kind: 'crashed', message: `OCR failed: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      active--;
      if (active === 0) {
        idleTimer = setTimeout(() => {
          void ocr?.terminate();
          ocr = null;
          onIdle();
        }, IDLE_MS + 1_000);
      }
    }
  };
}

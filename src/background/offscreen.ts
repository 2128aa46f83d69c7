// The offscreen document (Chromium, reason WORKERS): hosts the OCR engine for the service worker,
// which has no Worker. Opened by background/ocr.ts on the first image; tesseract.js itself loads only
// with the first job (dynamic import in src/ocr). The worker is released after IDLE_MS without work;
// then this page asks the background to close it. Answers only messages addressed to it.
import { createBrowserOcr, OCR_ASSET_DIR } from '../ocr/browser.js';
import { OcrError, type Ocr } from '../ocr/index.js';
import { extensionUrl, onMessage, sendToBackground } from '../platform/ext.js';
import type { OcrReply, ToBackground, ToOffscreen } from '../shared/messages.js';

/** Keep the worker this long after the last image (a follow-up image is then fast), then free it. */
const IDLE_MS = 120_000;
/** Progress messages at most this often per job. */
const PROGRESS_EVERY_MS = 150;

let ocr: Ocr | null = null;
let active = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function host(): Ocr {
  return (ocr ??= createBrowserOcr(extensionUrl(`${OCR_ASSET_DIR}/`), { timeoutMs: 20_000, idleMs: IDLE_MS }));
}

function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const bin = atob(url.slice(comma + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function run(id: string, image: string): Promise<OcrReply> {
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
        void sendToBackground({ type: 'ocrProgress', id, status, progress } satisfies ToBackground);
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
        void sendToBackground({ type: 'ocrIdle' } satisfies ToBackground);
      }, IDLE_MS + 1_000);
    }
  }
}

function isForMe(m: unknown): m is ToOffscreen {
  return typeof m === 'object' && m !== null && (m as { target?: unknown }).target === 'offscreen';
}

onMessage((m) => {
  if (!isForMe(m)) return undefined;
  if (m.type === 'ocrPing') return Promise.resolve(true);
  if (m.type === 'ocrRun' && typeof m.id === 'string' && typeof m.image === 'string') return run(m.id, m.image);
  return undefined;
});

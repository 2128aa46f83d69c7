// The offscreen document (Chromium, reason WORKERS): hosts the OCR engine for the service worker,
// which has no Worker. Opened by background/ocr.ts on the first image; tesseract.js itself loads only
// with the first job (dynamic import in src/ocr). The worker is released after idle time (ocr-host.ts);
// then this page asks the background to close it. Answers only messages addressed to it.
import { onMessage, sendToBackground } from '../platform/ext.js';
import type { ToBackground, ToOffscreen } from '../shared/messages.js';
import { createOcrJobs } from './ocr-host.js';

const run = createOcrJobs(() => void sendToBackground({ type: 'ocrIdle' } satisfies ToBackground));

function isForMe(m: unknown): m is ToOffscreen {
  return typeof m === 'object' && m !== null && (m as { target?: unknown }).target === 'offscreen';
}

onMessage((m) => {
  if (!isForMe(m)) return undefined;
  if (m.type === 'ocrPing') return Promise.resolve(true);
  if (m.type === 'ocrRun' && typeof m.id === 'string' && typeof m.image === 'string') {
    const id = m.id;
    return run(m.image, (status, progress) => void sendToBackground({ type: 'ocrProgress', id, status, progress } satisfies ToBackground));
  }
  return undefined;
});

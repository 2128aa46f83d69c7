// The OCR host in an extension page (Chromium: the offscreen document; Firefox: the background page).
// Everything is local: the worker script, the one tesseract core Chromium uses, and deu+eng data are
// copied into the extension package under ocr/ (see OCR_ASSETS) — nothing from a CDN.
//
// Requirements of the page (research/toolchain.md): `'wasm-unsafe-eval'` in
// content_security_policy.extension_pages (without it tesseract never settles), Worker support (not in
// the service worker, not in content scripts). createBrowserOcr sets workerBlobURL false and local paths.
//
// Usage in the offscreen document (the base URL comes from the platform layer, runtime.getURL('ocr/')):
//   const ocr = createBrowserOcr(ocrBaseUrl, { timeoutMs: 20_000, idleMs: 120_000 });
//   const { text, confidence, ms } = await ocr.recognize(blob, { onProgress });
//   analyze(text, policy, { ocr: true })  — or, on OcrError, ocrFailureAnalysis(policy, e.message)
import { createOcr, type Ocr, type OcrOptions } from './index.js';
import { findCutRow } from './bands.js';

/** Where the build puts the OCR files inside the extension, relative to its root. */
export const OCR_ASSET_DIR = 'ocr';
export const OCR_LANGS = ['deu', 'eng'];

/**
 * The files the extension ships for OCR: from (a path inside node_modules) → to (inside OCR_ASSET_DIR).
 * Only the relaxed-SIMD LSTM core: it is the one tesseract.js picks in Chromium (and Firefox ≥ 120),
 * so the two other variants (2 × 2.9 MB) would never load. The `.js` + `.wasm` pair is smaller than
 * the `.wasm.js` file with the wasm inlined as base64. The core fetches its `.wasm` from the folder of
 * the worker script (emscripten's scriptDirectory), so the three files sit side by side.
 */
export const OCR_ASSETS: readonly { from: string; to: string }[] = [
  { from: 'tesseract.js/dist/worker.min.js', to: 'worker.min.js' },
  { from: 'tesseract.js-core/tesseract-core-relaxedsimd-lstm.js', to: 'tesseract-core-relaxedsimd-lstm.js' },
  { from: 'tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm', to: 'tesseract-core-relaxedsimd-lstm.wasm' },
  { from: '@tesseract.js-data/deu/4.0.0_best_int/deu.traineddata.gz', to: 'lang/deu.traineddata.gz' },
  { from: '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz', to: 'lang/eng.traineddata.gz' },
];

/** Paths for createOcr from the URL of the extension's ocr/ folder (e.g. chrome-extension://<id>/ocr/). */
export function extensionOcrPaths(base: string): Pick<OcrOptions, 'workerPath' | 'corePath' | 'langPath' | 'langs' | 'workerBlobURL'> {
  const b = base.endsWith('/') ? base : base + '/';
  return {
    workerPath: b + 'worker.min.js',
    corePath: b + 'tesseract-core-relaxedsimd-lstm.js',
    langPath: b + 'lang',
    langs: OCR_LANGS,
    workerBlobURL: false,
  };
}

/** Rotate an encoded image clockwise with an OffscreenCanvas; PNG out. Null where that fails. */
export async function rotateWithCanvas(image: Uint8Array, degrees: 90 | 180 | 270): Promise<Uint8Array | null> {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') return null;
  try {
    const bitmap = await createImageBitmap(new Blob([image as BlobPart]));
    const quarter = degrees !== 180;
    const canvas = new OffscreenCanvas(quarter ? bitmap.height : bitmap.width, quarter ? bitmap.width : bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.translate(canvas.width / 2, canvas.height / 2);
    ctx.rotate((degrees * Math.PI) / 180);
    ctx.drawImage(bitmap, -bitmap.width / 2, -bitmap.height / 2);
    bitmap.close();
    return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  } catch {
    return null;
  }
}

/** Cut an encoded image in two through a blank band near the middle with an OffscreenCanvas; PNG out. */
export async function splitWithCanvas(image: Uint8Array): Promise<[Uint8Array, Uint8Array] | null> {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') return null;
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(new Blob([image as BlobPart]));
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0);
    const y = findCutRow(new Uint8Array(ctx.getImageData(0, 0, width, height).data.buffer), width, height, 4);
    if (y === null) return null;
    const part = async (top: number, h: number): Promise<Uint8Array> => {
      const c = new OffscreenCanvas(width, h);
      c.getContext('2d')!.drawImage(bitmap!, 0, top, width, h, 0, 0, width, h);
      return new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    };
    return await Promise.all([part(0, y), part(y, height - y)]);
  } catch {
    return null;
  } finally {
    bitmap?.close();
  }
}

/** An OCR host for an extension page; `base` is the URL of the extension's ocr/ folder. */
export function createBrowserOcr(base: string, options: Partial<OcrOptions> = {}): Ocr {
  return createOcr({
    timeoutMs: 20_000,
    idleMs: 120_000,
    rotate: rotateWithCanvas,
    // Two workers at once only help with two cores.
    split: typeof navigator !== 'undefined' && (navigator.hardwareConcurrency ?? 1) >= 2 ? splitWithCanvas : undefined,
    ...extensionOcrPaths(base),
    ...options,
  });
}

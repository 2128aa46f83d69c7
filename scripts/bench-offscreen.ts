// OCR timings in the extension's offscreen document (issue 5), for `npm run bench`: the built
// extension (dist/chrome) in Debian's Chromium, an extension page asks the service worker to read an
// image exactly as a content script does ({type: 'ocr'} → offscreen document → tesseract.js).
//   cold = a fresh offscreen document (closed before each cold run): opening it, loading tesseract.js,
//          the wasm core and deu+eng data, then the image;
//   warm = the same document and worker again.
// Round trip as a content script sees it (data: URL over runtime messaging included), and the OCR
// host's own time inside the document. Writes dist/ocr-bench-offscreen.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID, launch } from '../test/e2e/harness.js';

export interface OffscreenFigures {
  cold: number;
  warm: number;
  coldRuns: number[];
  warmRuns: number[];
  /** Time inside the offscreen document's OCR host (without messaging). */
  hostCold: number;
  hostWarm: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

export async function benchOffscreen(root: string, images: readonly { key: string; file: string }[], coldRuns = 3, warmRuns = 5): Promise<Record<string, OffscreenFigures>> {
  const h = await launch();
  try {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html`);
    const closeDoc = () => h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument().catch(() => undefined));
    const once = (image: string, id: string) => page.evaluate(async ({ image, id }) => {
      const t0 = performance.now();
      const r = (await chrome.runtime.sendMessage({ type: 'ocr', id, image })) as { ok: boolean; ms?: number; cold?: boolean; message?: string };
      return { ms: Math.round(performance.now() - t0), host: r.ms ?? NaN, ok: r.ok, cold: r.cold === true, message: r.message };
    }, { image, id });
    const out: Record<string, OffscreenFigures> = {};
    let n = 0;
    for (const img of images) {
      const image = `data:image/png;base64,${readFileSync(img.file).toString('base64')}`;
      const cold: { ms: number; host: number }[] = [];
      const warm: { ms: number; host: number }[] = [];
      for (let i = 0; i < coldRuns; i++) {
        await closeDoc();
        const r = await once(image, `bench-${++n}`);
        if (!r.ok || !r.cold) throw new Error(`offscreen OCR failed or was not cold: ${r.message ?? ''}`);
        cold.push(r);
      }
      for (let i = 0; i < warmRuns; i++) {
        const r = await once(image, `bench-${++n}`);
        if (!r.ok || r.cold) throw new Error(`offscreen OCR failed or was not warm: ${r.message ?? ''}`);
        warm.push(r);
      }
      out[img.key] = {
        cold: median(cold.map((r) => r.ms)), warm: median(warm.map((r) => r.ms)),
        coldRuns: cold.map((r) => r.ms), warmRuns: warm.map((r) => r.ms),
        hostCold: median(cold.map((r) => r.host)), hostWarm: median(warm.map((r) => r.host)),
      };
    }
    writeFileSync(join(root, 'dist/ocr-bench-offscreen.json'), JSON.stringify(out, null, 2) + '\n');
    return out;
  } finally {
    await h.close();
  }
}

// The OCR host's lifecycle (src/ocr/index.ts) with a scripted stand-in for tesseract.js: lazy start,
// keep-warm and idle stop, per-image timeout, crash restart, error kinds, retries of weak passes.
// Real OCR is covered by ocr-node.test.ts. Also the PNG rotation used for upside-down photos.
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { createOcr, imageInfo, OcrError, type OcrOptions, type TesseractModule, type TesseractWorker } from '../../src/ocr/index.js';
import { decodePng, rotatePng } from '../../src/ocr/png.js';
import { rgbPng } from './helpers/png.js';

const root = new URL('../..', import.meta.url).pathname;
const zlib = { inflate: (b: Uint8Array) => inflateSync(b), deflate: (b: Uint8Array) => deflateSync(b) };

/** A tiny RGB PNG whose pixel (x, y) has the colour [x, y, 7]. */
/** A tiny RGB gradient image. */
function makePng(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set([x, y, 7], (y * width + x) * 3);
  return rgbPng(width, height, pixels);
}
const IMAGE = makePng(4, 3);

type Script = (w: FakeWorker, image: unknown, params: Record<string, unknown>) => Promise<{ text: string; confidence: number }>;

class FakeThread extends EventEmitter {
  refs = 1;
  ref() {
    this.refs = 1;
  }
  unref() {
    this.refs = 0;
  }
}

interface FakeWorker extends TesseractWorker {
  id: number;
  thread: FakeThread;
  terminated: boolean;
  jobs: number;
}

function fake(script: Script, opts: { failStart?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  let busy = 0;
  let maxBusy = 0;
  const module: TesseractModule = {
    async createWorker(_langs, _oem, options) {
      if (opts.failStart) {
        (options['errorHandler'] as (e: unknown) => void)('Error: ENOENT: no such file or directory, open deu.traineddata.gz');
        return new Promise<never>(() => {}); // tesseract.js never settles in this case
      }
      const thread = new FakeThread();
      const w: FakeWorker = {
        id: workers.length,
        thread,
        worker: thread,
        terminated: false,
        jobs: 0,
        async setParameters() {
          return {};
        },
        async recognize(image, params = {}, output) {
          if (output?.['text'] === false) return { data: { text: '', confidence: 0, rotateRadians: 0 } }; // skew probe
          w.jobs++;
          busy++;
          maxBusy = Math.max(maxBusy, busy);
          try {
            return { data: await script(w, image, params) };
          } finally {
            busy--;
          }
        },
        async terminate() {
          w.terminated = true;
          thread.emit('exit', 1);
          return {};
        },
      };
      workers.push(w);
      return w;
    },
  };
  return { module, workers, maxBusy: () => maxBusy };
}

const GOOD = { text: 'Arbeitsunfähigkeitsbescheinigung Wolf, Jonas F32.1 Mittelgradige depressive Episode 03.06.2024', confidence: 90 };
const ok: Script = async () => GOOD;

function host(module: TesseractModule, o: Partial<OcrOptions> = {}) {
  let loads = 0;
  const ocr = createOcr({ langPath: '/nowhere', langs: ['deu', 'eng'], timeoutMs: 2000, idleMs: 10_000, loadTesseract: async () => (loads++, module), ...o });
  return { ocr, loads: () => loads };
}

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof OcrError ? e.kind : `not an OcrError: ${String(e)}`;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createOcr lifecycle', () => {
  it('loads nothing before the first image, then keeps one warm worker', async () => {
    const f = fake(ok);
    const { ocr, loads } = host(f.module);
    expect(loads()).toBe(0);
    expect(ocr.warm).toBe(false);
    const a = await ocr.recognize(IMAGE);
    const b = await ocr.recognize(new Blob([IMAGE as BlobPart]));
    expect(a).toMatchObject({ text: GOOD.text, confidence: 90, cold: true, rotation: 0, passes: 1 });
    expect(b.cold).toBe(false);
    expect(loads()).toBe(1);
    expect(f.workers).toHaveLength(1);
    expect(ocr.warm).toBe(true);
    await ocr.terminate();
    expect(f.workers[0]!.terminated).toBe(true);
    expect(ocr.warm).toBe(false);
  });

  it('terminates the worker after idleMs and starts a new one on demand; an idle worker is unref’d', async () => {
    const f = fake(ok);
    const { ocr } = host(f.module, { idleMs: 60 });
    await ocr.recognize(IMAGE);
    await sleep(5);
    expect(f.workers[0]!.thread.refs).toBe(0);
    await sleep(120);
    expect(f.workers[0]!.terminated).toBe(true);
    expect(ocr.warm).toBe(false);
    const again = await ocr.recognize(IMAGE);
    expect(again.cold).toBe(true);
    expect(f.workers).toHaveLength(2);
    await ocr.terminate();
  });

  it('runs one image at a time', async () => {
    const f = fake(async () => (await sleep(20), GOOD));
    const { ocr } = host(f.module);
    await Promise.all([ocr.recognize(IMAGE), ocr.recognize(IMAGE), ocr.recognize(IMAGE)]);
    expect(f.maxBusy()).toBe(1);
    await ocr.terminate();
  });

  it('times out a hanging job, replaces the busy worker, and goes on', async () => {
    let hang = true;
    const f = fake(async () => (hang ? new Promise<never>(() => {}) : GOOD));
    const { ocr } = host(f.module, { timeoutMs: 100 });
    const t0 = Date.now();
    expect(await kindOf(ocr.recognize(IMAGE))).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.workers[0]!.terminated).toBe(true);
    hang = false;
    expect((await ocr.recognize(IMAGE)).text).toBe(GOOD.text);
    expect(f.workers).toHaveLength(2);
    await ocr.terminate();
  });

  it('restarts a crashed worker and tries the image once more', async () => {
    const f = fake(async (w) => {
      if (w.id === 0) {
        setTimeout(() => w.thread.emit('exit', 134), 5);
        return new Promise<never>(() => {});
      }
      return GOOD;
    });
    const { ocr } = host(f.module);
    expect((await ocr.recognize(IMAGE)).text).toBe(GOOD.text);
    expect(f.workers).toHaveLength(2);
    await ocr.terminate();
  });

  it('terminate() ends a running job as crashed, without starting a new worker for it', async () => {
    const f = fake(async () => new Promise<never>(() => {}));
    const { ocr } = host(f.module);
    const job = kindOf(ocr.recognize(IMAGE));
    await sleep(20);
    await ocr.terminate();
    expect(await job).toBe('crashed');
    expect(f.workers).toHaveLength(1);
    expect(ocr.warm).toBe(false);
  });

  it("reports 'crashed' when the worker dies again, and when it cannot start", async () => {
    const f = fake(async (w) => {
      setTimeout(() => w.thread.emit('error', new Error('RuntimeError: memory access out of bounds')), 5);
      return new Promise<never>(() => {});
    });
    const { ocr } = host(f.module);
    expect(await kindOf(ocr.recognize(IMAGE))).toBe('crashed');
    await ocr.terminate();
    const broken = host(fake(ok, { failStart: true }).module);
    expect(await kindOf(broken.ocr.recognize(IMAGE))).toBe('crashed');
  });

  it("reports 'unreadable' for what is not an image (without starting OCR) and for tesseract's read errors", async () => {
    const f = fake(async () => {
      throw 'Error: Error attempting to read image.';
    });
    const { ocr, loads } = host(f.module);
    expect(await kindOf(ocr.recognize(new Uint8Array(0)))).toBe('unreadable');
    expect(await kindOf(ocr.recognize(new TextEncoder().encode('%PDF-1.7 not an image')))).toBe('unreadable');
    const huge = makePng(1, 1);
    new DataView(huge.buffer, huge.byteOffset).setUint32(16, 30_000);
    new DataView(huge.buffer, huge.byteOffset).setUint32(20, 30_000);
    expect(await kindOf(ocr.recognize(huge))).toBe('unreadable'); // 900 megapixels (header only)
    expect(loads()).toBe(0);
    expect(await kindOf(ocr.recognize(IMAGE))).toBe('unreadable');
    expect(f.workers[0]!.terminated).toBe(false); // a bad image does not cost the warm worker
    await ocr.terminate();
  });
});

describe('weak first passes', () => {
  it('retries an upside-down page turned 180° and keeps the better reading', async () => {
    const rotated = new Uint8Array([...IMAGE, 1]);
    const f = fake(async (_w, image) => (image === rotated ? GOOD : { text: 'ǝpos!dƎ ǝʌ!ssǝɹdǝp ǝƃ!pɐɹƃlǝʇʇ!W 1.ƎƐℲ sɐuoſ ‘ɟloM\nƃunƃ!uıǝɥɔsǝqsʇ!ǝʞƃ!ɥɐɟunsʇ!ǝqɹ∀ ǝʇɹǝɥɔ!sɹǝΛ', confidence: 35 }));
    const { ocr } = host(f.module, { rotate: async (_img, deg) => (deg === 180 ? rotated : null) });
    const r = await ocr.recognize(IMAGE);
    expect(r).toMatchObject({ rotation: 180, passes: 2, confidence: 90 });
    expect(r.text.startsWith(GOOD.text)).toBe(true);
    await ocr.terminate();
  });

  it('tries other segmentation when the first pass read almost nothing, and stops at the retry budget', async () => {
    const seen: Record<string, unknown>[] = [];
    const f = fake(async (_w, _image, params) => {
      seen.push(params);
      if (params['tessedit_pageseg_mode'] === '11') return GOOD;
      await sleep(30);
      return { text: 'SEPA', confidence: 93 };
    });
    const { ocr } = host(f.module);
    const r = await ocr.recognize(IMAGE);
    expect(seen.map((p) => p['thresholding_method'] ?? p['tessedit_pageseg_mode'] ?? 'default')).toEqual(['default', '1', '11']);
    expect(r.text).toContain(GOOD.text);
    await ocr.terminate();

    const slow = fake(async () => (await sleep(150), { text: 'SEPA', confidence: 93 }));
    const budget = host(slow.module, { retryBudgetMs: 200 });
    const b = await budget.ocr.recognize(IMAGE);
    expect(b.passes).toBeLessThanOrEqual(2);
    expect(b.ms).toBeLessThan(600);
    await budget.ocr.terminate();
  });

  it('does no retries for a good first pass', async () => {
    const f = fake(ok);
    const { ocr } = host(f.module, { rotate: async () => IMAGE });
    expect((await ocr.recognize(IMAGE)).passes).toBe(1);
    expect(f.workers[0]!.jobs).toBe(1);
    await ocr.terminate();
  });
});

describe('PNG rotation and header info', () => {
  it('turns pixels clockwise and back', () => {
    const png = makePng(4, 3);
    const r90 = rotatePng(png, 90, zlib)!;
    const d = decodePng(r90, zlib.inflate)!;
    expect([d.width, d.height]).toEqual([3, 4]);
    // (x, y) → (h-1-y, x): source pixel (0, 0) lands at (2, 0); source (3, 2) at (0, 3).
    const px = (x: number, y: number) => [...d.pixels.subarray((y * d.width + x) * 3, (y * d.width + x) * 3 + 3)];
    expect(px(2, 0)).toEqual([0, 0, 7]);
    expect(px(0, 3)).toEqual([3, 2, 7]);
    let back = png;
    for (let i = 0; i < 4; i++) back = rotatePng(back, 90, zlib)!;
    expect(decodePng(back, zlib.inflate)!.pixels).toEqual(decodePng(png, zlib.inflate)!.pixels);
  });

  it('decodes a real (filtered) corpus PNG and turns it 180° twice back to itself', () => {
    const png = new Uint8Array(readFileSync(`${root}test/data/corpus/images/dev_firmenkarte_foto.png`));
    const d = decodePng(png, zlib.inflate)!;
    expect([d.width, d.height]).toEqual([900, 600]);
    const twice = rotatePng(rotatePng(png, 180, zlib)!, 180, zlib)!;
    expect(Buffer.from(decodePng(twice, zlib.inflate)!.pixels).equals(Buffer.from(d.pixels))).toBe(true);
    expect(Buffer.from(decodePng(rotatePng(png, 180, zlib)!, zlib.inflate)!.pixels).equals(Buffer.from(d.pixels))).toBe(false);
    expect(rotatePng(new TextEncoder().encode('not a png'), 90, zlib)).toBeNull();
  });

  it('reads format and size from headers', () => {
    expect(imageInfo(makePng(640, 480))).toEqual({ format: 'png', width: 640, height: 480 });
    expect(imageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 1, 0xe0, 2, 0x80, 3, 0, 0]))).toEqual({ format: 'jpeg', width: 640, height: 480 });
    expect(imageInfo(new TextEncoder().encode('hello'))).toBeNull();
  });
});

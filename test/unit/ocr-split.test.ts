// Reading a large image in two halves on two workers (src/ocr/bands.ts, splitPng, createOcr's
// `split` option): where an image may be cut, that the halves are the image, and the host's use of a
// second worker (started by the first large image, used from the next, released with the first).
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { deflateSync, inflateSync } from 'node:zlib';
import { findCutRow } from '../../src/ocr/bands.js';
import { createOcr, screenSized, type TesseractModule, type TesseractWorker } from '../../src/ocr/index.js';
import { decodePng, splitPng } from '../../src/ocr/png.js';
import { splitNode } from '../../src/ocr/node.js';
import { rgbPng } from './helpers/png.js';

const zlib = { inflate: (b: Uint8Array) => inflateSync(b), deflate: (b: Uint8Array) => deflateSync(b) };

/** An RGB page: white, with "text lines" (dark dashes) on the rows where `ink(y)` is true. */
function page(width: number, height: number, ink: (y: number) => boolean): { pixels: Uint8Array; png: Uint8Array } {
  const pixels = new Uint8Array(width * height * 3).fill(255);
  for (let y = 0; y < height; y++) {
    if (!ink(y)) continue;
    for (let x = 10; x < width - 10; x++) if (x % 6 < 3) pixels.set([20, 20, 20], (y * width + x) * 3);
  }
  const png = rgbPng(width, height, pixels);
  return { pixels, png };
}

describe('findCutRow', () => {
  it('cuts through the blank band nearest the middle, never through a line', () => {
    // Lines of 14 px every 24 px (gaps of 10 px).
    const ink = (y: number) => y % 24 < 14;
    const { pixels } = page(300, 400, ink);
    const y = findCutRow(pixels, 300, 400, 3)!;
    expect(y).not.toBeNull();
    expect(Math.abs(y - 200)).toBeLessThan(24);
    for (let k = y - 3; k <= y + 3; k++) expect(ink(k)).toBe(false);
  });

  it('does not cut without a blank band near the middle, or through a gap inside a line', () => {
    expect(findCutRow(page(300, 400, () => true).pixels, 300, 400, 3)).toBeNull();
    // The only gap is near the top.
    expect(findCutRow(page(300, 400, (y) => y < 40 || y > 60).pixels, 300, 400, 3)).toBeNull();
    // Gaps of 5 px (between the strokes of one line, or lines set very tight) are not cuts.
    expect(findCutRow(page(300, 400, (y) => y % 20 < 15).pixels, 300, 400, 3)).toBeNull();
  });

  it('ignores a few edges across a blank row (panel borders, bubble edges)', () => {
    const { pixels } = page(300, 400, (y) => y < 180 || y >= 200);
    // A vertical panel border through the whole height.
    for (let y = 0; y < 400; y++) pixels.set([120, 120, 120], (y * 300 + 100) * 3);
    expect(findCutRow(pixels, 300, 400, 3)).toBe(190);
  });
});

describe('splitPng / splitNode', () => {
  it('the halves are the image, cut at the blank band', async () => {
    const { png } = page(200, 300, (y) => y < 140 || y >= 160);
    const halves = (await splitNode(png))!;
    expect(halves).not.toBeNull();
    const a = decodePng(halves[0], zlib.inflate)!;
    const b = decodePng(halves[1], zlib.inflate)!;
    const d = decodePng(png, zlib.inflate)!;
    expect([a.width, b.width, a.height + b.height]).toEqual([200, 200, 300]);
    expect(a.height).toBe(150);
    expect(Buffer.concat([a.pixels, b.pixels]).equals(Buffer.from(d.pixels))).toBe(true);
  });

  it('returns null without a cut or for what it does not handle', async () => {
    expect(await splitNode(page(200, 300, () => true).png)).toBeNull();
    expect(splitPng(new TextEncoder().encode('not a png'), () => 10, zlib)).toBeNull();
  });
});

/** A stand-in for tesseract.js: each job answers with the name of the image it got. */
function fake(skewRadians = 0, crashOnBottom = { times: 0 }) {
  const workers: (TesseractWorker & { terminated: boolean; images: unknown[] })[] = [];
  const skewProbes: unknown[] = [];
  const module: TesseractModule = {
    async createWorker() {
      const thread = new EventEmitter();
      const w = {
        worker: thread,
        terminated: false,
        images: [] as unknown[],
        async setParameters() {
          return {};
        },
        async recognize(image: unknown, _p?: Record<string, unknown>, output?: Record<string, boolean>) {
          if (output?.['text'] === false) {
            skewProbes.push(image);
            return { data: { text: '', confidence: 0, rotateRadians: skewRadians } };
          }
          w.images.push(image);
          if (image === BOTTOM && crashOnBottom.times > 0) {
            crashOnBottom.times--;
            throw new Error('RuntimeError: memory access out of bounds');
          }
          await new Promise((r) => setTimeout(r, 5));
          const name = image === TOP ? 'top' : image === BOTTOM ? 'bottom' : 'whole';
          return { data: { text: `${name} Kontoauszug Jonas Wolf DE20 3005 0110 4515 5772 22 Überweisung bitte bis Freitag erledigen`, confidence: name === 'top' ? 90 : 80 } };
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
  return { module, workers, skewProbes };
}

/** A PNG header of 1920×1080 (the host only reads the size; the fake never decodes it). */
const BIG = (() => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, 1920);
  new DataView(b.buffer).setUint32(20, 1080);
  return b;
})();
/** 1900×1000: large, but no screen's size (its skew is measured). */
const LARGE_PHOTO = (() => {
  const b = new Uint8Array(BIG);
  new DataView(b.buffer).setUint32(16, 1900);
  new DataView(b.buffer).setUint32(20, 1000);
  return b;
})();
const SMALL = (() => {
  const b = new Uint8Array(BIG);
  new DataView(b.buffer).setUint32(16, 1000);
  new DataView(b.buffer).setUint32(20, 300);
  return b;
})();
const TOP = new Uint8Array([1]);
const BOTTOM = new Uint8Array([2]);

function splitHost(module: TesseractModule) {
  let splits = 0;
  const ocr = createOcr({
    langPath: '/nowhere', langs: ['deu', 'eng'], timeoutMs: 2000, idleMs: 10_000, loadTesseract: async () => module,
    split: async () => (splits++, [TOP, BOTTOM]),
  });
  return { ocr, splits: () => splits };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('createOcr with split', () => {
  it('the first large image starts the second worker and is read whole; the next is read in two halves, top first', async () => {
    const f = fake();
    const { ocr } = splitHost(f.module);
    const first = await ocr.recognize(BIG);
    expect(first.bands).toBe(1);
    expect(first.text).toMatch(/^whole/);
    await settle();
    expect(f.workers).toHaveLength(2);
    const second = await ocr.recognize(BIG);
    expect(second.bands).toBe(2);
    expect(second.text).toMatch(/^top .*\n\nbottom /s);
    expect(second.passes).toBe(1);
    // Confidence: the halves' mean, weighted by what they read.
    expect(second.confidence).toBeCloseTo(85, 0);
    expect(f.workers[0]!.images.at(-1)).toBe(TOP);
    expect(f.workers[1]!.images.at(-1)).toBe(BOTTOM);
    await ocr.terminate();
    expect(f.workers.every((w) => w.terminated)).toBe(true);
  });

  it('small images never start the second worker; skewed large images are read whole', async () => {
    const f = fake();
    const { ocr, splits } = splitHost(f.module);
    await ocr.recognize(SMALL);
    await ocr.recognize(SMALL);
    await settle();
    expect(f.workers).toHaveLength(1);
    expect(splits()).toBe(0);
    await ocr.terminate();

    const g = fake(0.1);
    const skewed = splitHost(g.module);
    await skewed.ocr.recognize(LARGE_PHOTO);
    await settle();
    const r = await skewed.ocr.recognize(LARGE_PHOTO);
    expect(r.bands).toBe(1);
    expect(r.text).toMatch(/^whole/);
    expect(g.skewProbes).toHaveLength(2);
    await skewed.ocr.terminate();
  });

  it('a screenshot (exactly a screen size) is not probed for skew; other images are', async () => {
    expect(screenSized({ width: 1920, height: 1080 })).toBe(true);
    expect(screenSized({ width: 1080, height: 2400 })).toBe(true);
    expect(screenSized({ width: 1900, height: 1000 })).toBe(false);
    expect(screenSized({ format: 'webp' } as never)).toBe(false);
    const f = fake(0.1);
    const { ocr } = splitHost(f.module);
    await ocr.recognize(BIG);
    expect(f.skewProbes).toHaveLength(0);
    await settle();
    expect((await ocr.recognize(BIG)).bands).toBe(2);
    await ocr.recognize(SMALL);
    expect(f.skewProbes).toEqual([SMALL]);
    await ocr.terminate();
  });

  it('the second worker is released with the first after the idle time', async () => {
    const f = fake();
    const ocr = createOcr({ langPath: '/nowhere', langs: ['deu'], timeoutMs: 2000, idleMs: 80, loadTesseract: async () => f.module, split: async () => [TOP, BOTTOM] });
    await ocr.recognize(BIG);
    await settle();
    expect((await ocr.recognize(BIG)).bands).toBe(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(ocr.warm).toBe(false);
    expect(f.workers.map((w) => w.terminated)).toEqual([true, true]);
  });

  it('a crash while reading a half frees the second worker and the image is read again, whole', async () => {
    const f = fake(0, { times: 1 });
    const { ocr } = splitHost(f.module);
    await ocr.recognize(BIG);
    await settle();
    const r = await ocr.recognize(BIG);
    expect(r.bands).toBe(1);
    expect(r.text).toMatch(/^whole/);
    expect(f.workers[1]!.terminated).toBe(true);
    await ocr.terminate();
  });
});

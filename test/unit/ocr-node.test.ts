// Real OCR in Node (tesseract.js, local deu+eng data) on corpus images, through the engine, as
// `sendguard scan` does it. One warm worker for the file; about 10 s in all.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { analyze, parsePolicy } from '../../src/core/index.js';
import { OcrError, type OcrResult } from '../../src/ocr/index.js';
import { createNodeOcr } from '../../src/ocr/node.js';
import { rotatePng } from '../../src/ocr/png.js';

const root = new URL('../..', import.meta.url).pathname;
const images = `${root}test/data/corpus/images/`;
const clients = (JSON.parse(readFileSync(`${root}test/data/corpus/clients.json`, 'utf8')) as { clients: string[] }).clients;
const policy = parsePolicy({ clients }).policy;
const ocr = createNodeOcr({ idleMs: 60_000 });

afterAll(async () => {
  await ocr.terminate();
});

async function failure(p: Promise<OcrResult>): Promise<OcrError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OcrError) return e;
    throw e;
  }
  throw new Error('expected an OcrError');
}

describe('OCR in Node (tesseract.js)', { timeout: 30_000 }, () => {
  it('reads the SEPA slip: the engine finds an IBAN and the client', async () => {
    const r = await ocr.recognize(`${images}dev_sepa_ueberweisung.png`);
    expect(r.text).toContain('SEPA');
    expect(r.cold).toBe(true);
    const a = analyze(r.text, policy, { ocr: true });
    const ibans = a.findings.filter((f) => f.type === 'iban');
    expect(ibans.length).toBeGreaterThanOrEqual(1);
    expect(ibans.every((f) => f.source === 'image')).toBe(true);
    expect(a.findings.some((f) => f.type === 'client_name')).toBe(true);
    expect(a.decision.action).toBe('block');
  });

  it('reads the harmless poster without a finding that holds the message', async () => {
    const r = await ocr.recognize(readFileSync(`${images}dev_poster_sommerfest.png`));
    expect(r.cold).toBe(false);
    expect(r.text).toMatch(/Jugendhilfe Nordstadt/);
    expect(analyze(r.text, policy, { ocr: true }).decision.action).toBe('allow');
  });

  it('reads a photo of a card taken upside down', async () => {
    const png = readFileSync(`${images}dev_firmenkarte_foto.png`);
    const upsideDown = rotatePng(png, 180, { inflate: (b) => inflateSync(b), deflate: (b) => deflateSync(b, { level: 1 }) })!;
    const r = await ocr.recognize(upsideDown);
    expect(r.rotation).toBe(180);
    expect(analyze(r.text, policy, { ocr: true }).findings.map((f) => f.type)).toContain('credit_card');
  });

  it("fails as 'unreadable' for a missing file, a non-image and a broken PNG", async () => {
    expect((await failure(ocr.recognize(`${images}does-not-exist.png`))).kind).toBe('unreadable');
    expect((await failure(ocr.recognize(new TextEncoder().encode('just text, no picture')))).kind).toBe('unreadable');
    const truncated = readFileSync(`${images}dev_poster_sommerfest.png`).subarray(0, 3000);
    const e = await failure(ocr.recognize(truncated));
    expect(e.kind).toBe('unreadable');
    expect(e.message).toMatch(/could not be decoded/);
  });

  it("fails as 'timeout' when the time is up, and reads the next image normally", async () => {
    const t0 = Date.now();
    expect((await failure(ocr.recognize(`${images}dev_au_bescheinigung.png`, { timeoutMs: 1 }))).kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(500);
    const r = await ocr.recognize(`${images}dev_firmenkarte_foto.png`);
    expect(analyze(r.text, policy, { ocr: true }).findings.map((f) => f.type)).toContain('credit_card');
  });
});

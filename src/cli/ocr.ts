// Image items of `sendguard scan --input`: read with the same OCR host the extension uses (tesseract.js,
// deu+eng, local language data) and analysed like typed text with { ocr: true }. Nothing of OCR loads
// until the first image item; the worker is kept for later images and never keeps the process alive.
// A path is relative to the input file (scan.ts resolves it). Failures (missing file, not an image,
// timeout, crash) reach scan.ts as errors and become the policy's ocrFailure verdict there.
import { createNodeOcr } from '../ocr/node.js';
import type { Ocr } from '../ocr/index.js';
import { setImageReader } from './scan.js';

let ocr: Ocr | undefined;

setImageReader(async (path) => (await (ocr ??= createNodeOcr()).recognize(path)).text);

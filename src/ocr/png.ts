// Rotate a PNG by 90/180/270 degrees without a canvas (Node has none): decode the rows, turn the
// pixel grid, encode again. Pure; the caller passes zlib's inflate/deflate. Handles the non-interlaced
// 8- and 16-bit PNGs that screenshots and exported photos are; returns null for anything else
// (interlaced, 1/2/4-bit), and the OCR host then simply skips the rotation retry.

export interface Zlib {
  inflate(data: Uint8Array): Uint8Array;
  deflate(data: Uint8Array): Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undo the per-row filters; returns the pixel bytes without the filter-type bytes. */
function unfilter(data: Uint8Array, height: number, stride: number, bpp: number): Uint8Array | null {
  if (data.length < height * (stride + 1)) return null;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const kind = data[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x]!;
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
      let v: number;
      switch (kind) {
        case 0: v = raw; break;
        case 1: v = raw + a; break;
        case 2: v = raw + b; break;
        case 3: v = raw + ((a + b) >> 1); break;
        case 4: v = raw + paeth(a, b, c); break;
        default: return null;
      }
      out[row + x] = v & 0xff;
    }
  }
  return out;
}

export interface DecodedPng {
  width: number;
  height: number;
  /** Bytes per pixel (8- or 16-bit samples). */
  bpp: number;
  /** Unfiltered pixel bytes, row after row. */
  pixels: Uint8Array;
  /** IHDR data (13 bytes). */
  ihdr: Uint8Array;
  /** Chunks to carry over (palette, transparency, gamma, resolution). */
  keep: { type: string; data: Uint8Array }[];
}

/** Decode a PNG to its pixel bytes. Returns null when it is not one this handles. */
export function decodePng(png: Uint8Array, inflate: Zlib['inflate']): DecodedPng | null {
  if (png.length < 33 || SIGNATURE.some((v, i) => png[i] !== v)) return null;
  let at = 8;
  let ihdr: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  const keep: { type: string; data: Uint8Array }[] = [];
  while (at + 12 <= png.length) {
    const len = u32(png, at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    const data = png.subarray(at + 8, at + 8 + len);
    if (data.length !== len) return null;
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE' || type === 'tRNS' || type === 'gAMA' || type === 'sRGB' || (type === 'pHYs' && len === 9)) keep.push({ type, data });
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  if (!ihdr || ihdr.length !== 13 || idat.length === 0) return null;
  const width = u32(ihdr, 0);
  const height = u32(ihdr, 4);
  const depth = ihdr[8]!;
  const channels = CHANNELS[ihdr[9]!];
  if (!channels || ihdr[12] !== 0 || (depth !== 8 && depth !== 16) || width === 0 || height === 0) return null;
  const bpp = (channels * depth) / 8;
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let off = 0;
  for (const d of idat) {
    joined.set(d, off);
    off += d.length;
  }
  let inflated: Uint8Array;
  try {
    inflated = inflate(joined);
  } catch {
    return null;
  }
  const pixels = unfilter(inflated, height, width * bpp, bpp);
  return pixels ? { width, height, bpp, pixels, ihdr, keep } : null;
}

/** Rotate a PNG clockwise. Returns null when the PNG is not one this handles. */
export function rotatePng(png: Uint8Array, degrees: 90 | 180 | 270, zlib: Zlib): Uint8Array | null {
  const d = decodePng(png, zlib.inflate);
  if (!d) return null;
  const { width, height, bpp, pixels } = d;
  const stride = width * bpp;
  const quarter = degrees !== 180;
  const w2 = quarter ? height : width;
  const h2 = quarter ? width : height;
  const stride2 = w2 * bpp;
  const raw = new Uint8Array(h2 * (stride2 + 1)); // each row: filter byte 0, then pixels
  // Clockwise: 90° sends (x, y) to (h-1-y, x); 180° to (w-1-x, h-1-y); 270° to (y, w-1-x).
  // dst(x, y) = base + x * dx + y * dy, in bytes of the output (rows carry a leading filter byte).
  const row2 = stride2 + 1;
  let base: number;
  let dx: number;
  let dy: number;
  if (degrees === 90) [base, dx, dy] = [1 + (height - 1) * bpp, row2, -bpp];
  else if (degrees === 180) [base, dx, dy] = [(height - 1) * row2 + 1 + (width - 1) * bpp, -bpp, -row2];
  else [base, dx, dy] = [(width - 1) * row2 + 1, -row2, bpp];
  for (let y = 0; y < height; y++) {
    let src = y * stride;
    let dst = base + y * dy;
    for (let x = 0; x < width; x++, src += bpp, dst += dx) {
      for (let k = 0; k < bpp; k++) raw[dst + k] = pixels[src + k]!;
    }
  }
  const header = new Uint8Array(d.ihdr);
  new DataView(header.buffer).setUint32(0, w2);
  new DataView(header.buffer).setUint32(4, h2);
  const keep = d.keep.map((c) =>
    // Resolution (pHYs): x and y swap places on a quarter turn.
    c.type === 'pHYs' && quarter ? { type: c.type, data: new Uint8Array([...c.data.subarray(4, 8), ...c.data.subarray(0, 4), c.data[8]!]) } : c,
  );
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk('IHDR', header),
    ...keep.map((c) => chunk(c.type, c.data)),
    chunk('IDAT', zlib.deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  return concat(parts);
}

/** Encode rows [top, top + height) of a decoded PNG as a PNG of their own. */
function encodeRows(d: DecodedPng, top: number, height: number, deflate: Zlib['deflate']): Uint8Array {
  const stride = d.width * d.bpp;
  const raw = new Uint8Array(height * (stride + 1)); // each row: filter byte 0, then pixels
  for (let y = 0; y < height; y++) raw.set(d.pixels.subarray((top + y) * stride, (top + y + 1) * stride), y * (stride + 1) + 1);
  const header = new Uint8Array(d.ihdr);
  new DataView(header.buffer).setUint32(4, height);
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', header), ...d.keep.map((c) => chunk(c.type, c.data)), chunk('IDAT', deflate(raw)), chunk('IEND', new Uint8Array(0))];
  return concat(parts);
}

/**
 * A PNG cut in two at row `cut(decoded)` (top part, bottom part), for reading the halves on two
 * workers at once. Null when the PNG is not one this handles (16-bit samples included) or there is
 * no cut.
 */
export function splitPng(png: Uint8Array, cut: (d: DecodedPng) => number | null, zlib: Zlib): [Uint8Array, Uint8Array] | null {
  const d = decodePng(png, zlib.inflate);
  if (!d || d.ihdr[8] !== 8 || d.ihdr[9] === 3) return null; // 8-bit, not palette
  const y = cut(d);
  if (y === null || y <= 0 || y >= d.height) return null;
  return [encodeRows(d, 0, y, zlib.deflate), encodeRows(d, y, d.height - y, zlib.deflate)];
}

/** The byte arrays one after another. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

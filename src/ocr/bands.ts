// Where a large image may be cut in two for reading the halves on two workers at once: through a
// band of blank rows (few colour edges across the row: the gap between messages, paragraphs or table
// rows) near the middle. Pure; the callers decode the image (Node: src/ocr/png.ts, browser: canvas).

/** Images with more pixels than this are read in two bands when a blank band allows it. */
export const SPLIT_MIN_PIXELS = 1_200_000;
/** A row is blank when it has at most this many colour edges (panel borders, bubble edges). */
const MAX_EDGES = 6;
/** A colour step above this (0–255, any channel) between neighbours is an edge. */
const EDGE_STEP = 24;
/** A blank band must be this high (px): a gap between lines of text, not a gap inside one. */
const MIN_BAND = 8;
/** The cut must lie in this part of the height, so both halves take about as long. */
const MIDDLE = [0.3, 0.7] as const;

/**
 * The row to cut at (the centre of the blank band nearest the middle), or null when no blank band
 * lies near the middle — then the image is read whole. `pixels`: rows of `width × bpp` bytes, the
 * first three bytes of a pixel its colour (one byte for grey images).
 */
export function findCutRow(pixels: Uint8Array, width: number, height: number, bpp: number, samples = Math.min(bpp, 3)): number | null {
  const stride = width * bpp;
  const lo = Math.floor(height * MIDDLE[0]);
  const hi = Math.ceil(height * MIDDLE[1]);
  const blank = (y: number): boolean => {
    let edges = 0;
    const o = y * stride;
    for (let x = 1; x < width; x++) {
      const p = o + x * bpp;
      for (let c = 0; c < samples; c++) {
        if (Math.abs(pixels[p + c]! - pixels[p - bpp + c]!) > EDGE_STEP) {
          if (++edges > MAX_EDGES) return false;
          break;
        }
      }
    }
    return true;
  };
  let best: number | null = null;
  const mid = height / 2;
  let start = -1;
  // Bands may start before `lo` or end after `hi`; their centre must lie inside.
  const from = Math.max(0, lo - 200);
  const to = Math.min(height, hi + 200);
  for (let y = from; y <= to; y++) {
    if (y < to && blank(y)) {
      if (start < 0) start = y;
      continue;
    }
    if (start >= 0 && y - start >= MIN_BAND && start > from && y < to) {
      const centre = Math.floor((start + y) / 2);
      if (centre >= lo && centre <= hi && (best === null || Math.abs(centre - mid) < Math.abs(best - mid))) best = centre;
    }
    start = -1;
  }
  return best;
}

// The signature pad's geometry, apart from the canvas so it can be tested:
// strokes of points in the pad's own coordinates, the pen width from the
// pressure, and the tight box the saved PNG is cropped to.

export interface Point {
  x: number;
  y: number;
  /** 0–1; mice report 0.5 while a button is down, pens their real pressure. */
  pressure: number;
}
export type Stroke = Point[];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a pointer event falls on the pad, in the pad's CSS pixels,
 *  clamped to its edges (a stroke may leave the pad and come back). */
export function padPoint(clientX: number, clientY: number, rect: Box, pressure: number): Point {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const p = Number.isFinite(pressure) && pressure > 0 ? Math.min(pressure, 1) : 0.5;
  return { x: clamp(clientX - rect.x, rect.width), y: clamp(clientY - rect.y, rect.height), pressure: p };
}

/** Pen width: `base` at the middle pressure, between 0.5× and 1.5×. */
export function penWidth(pressure: number, base = 2.4): number {
  const p = Number.isFinite(pressure) ? Math.min(Math.max(pressure, 0), 1) : 0.5;
  return base * (0.5 + p);
}

/** A stroke is worth keeping when it is more than a stray tap. */
export function hasInk(strokes: Stroke[]): boolean {
  return strokes.some((s) => s.length > 1 && length(s) >= 3);
}

function length(s: Stroke): number {
  let d = 0;
  for (let i = 1; i < s.length; i++) d += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
  return d;
}

/** The box around all ink, widened by `pad` and kept within the pad's
 *  `width`×`height`; null when nothing is drawn. */
export function inkBox(strokes: Stroke[], width: number, height: number, pad = 8): Box | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of strokes) {
    for (const p of s) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
  }
  if (!Number.isFinite(x0)) return null;
  const left = Math.max(0, Math.floor(x0 - pad));
  const top = Math.max(0, Math.floor(y0 - pad));
  const right = Math.min(width, Math.ceil(x1 + pad));
  const bottom = Math.min(height, Math.ceil(y1 + pad));
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** Strokes moved so that `box` starts at the origin and scaled by `scale`
 *  (the exported PNG is drawn at a higher resolution than the screen). */
export function placeStrokes(strokes: Stroke[], box: Box, scale: number): Stroke[] {
  return strokes.map((s) =>
    s.map((p) => ({ x: (p.x - box.x) * scale, y: (p.y - box.y) * scale, pressure: p.pressure })),
  );
}

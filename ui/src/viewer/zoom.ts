// Zoom of the document viewer: "fit" (the page's width fills the viewer) or
// a factor where 1 is the printed size (100%: 72 PDF points = 96 CSS px).

export type Zoom = "fit" | number;

/** The steps of −/+ and Ctrl −/+, also the zoom menu's percentages. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
/** CSS pixels per PDF point at 100%. */
export const CSS_PER_PT = 96 / 72;

const MIN = 0.1;
const MAX = 4;
const clamp = (z: number) => Math.min(MAX, Math.max(MIN, z));

/** The factor at which a page `pageWidthPt` wide fills `availablePx`. */
export function fitFactor(availablePx: number, pageWidthPt: number): number {
  if (!(availablePx > 0) || !(pageWidthPt > 0)) return 1;
  return clamp(availablePx / (pageWidthPt * CSS_PER_PT));
}

export function zoomFactor(zoom: Zoom, fit: number): number {
  return zoom === "fit" ? fit : clamp(zoom);
}

/** The next step above `factor`, null at the top. */
export function zoomIn(factor: number): number | null {
  return ZOOM_STEPS.find((s) => s > factor + 0.005) ?? null;
}

/** The next step below `factor`, null at the bottom. */
export function zoomOut(factor: number): number | null {
  return [...ZOOM_STEPS].reverse().find((s) => s < factor - 0.005) ?? null;
}

export function percent(factor: number): string {
  return `${Math.round(factor * 100)}%`;
}

/** Canvas pixels per CSS pixel: the screen's devicePixelRatio, less when a
 *  canvas that sharp would exceed `maxPixels` (memory, WebKit's limits). */
export function outputScale(cssWidth: number, cssHeight: number, ratio: number, maxPixels = 2 ** 24): number {
  const r = ratio > 0 ? ratio : 1;
  const area = cssWidth * cssHeight;
  if (!(area > 0)) return r;
  return Math.min(r, Math.sqrt(maxPixels / area));
}

// Where the pages are in the viewer's scroll container: each page a box of
// its own size, one under another, PAGE_PAD above the first and PAGE_GAP
// between them (style.css, .pdf-pages and .pdf-page, uses the same numbers).

export const PAGE_PAD = 8;
export const PAGE_GAP = 8;

export interface Size {
  w: number;
  h: number;
}

/** The top of each page's box in the scroll container's content. */
export function pageTops(heights: readonly number[], pad = PAGE_PAD, gap = PAGE_GAP): number[] {
  const tops: number[] = [];
  let y = pad;
  for (const h of heights) {
    tops.push(y);
    y += h + gap;
  }
  return tops;
}

/** The index of the first page whose box ends below `y`. */
function firstEndingBelow(tops: readonly number[], heights: readonly number[], y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid] + heights[mid] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The page in view (from 1): the one occupying most of the top half of
 *  the viewport; the earlier page when two occupy as much. */
export function pageInView(
  tops: readonly number[],
  heights: readonly number[],
  scrollTop: number,
  viewHeight: number,
): number {
  if (tops.length === 0) return 1;
  const a = scrollTop;
  const b = scrollTop + Math.max(1, viewHeight / 2);
  let best = firstEndingBelow(tops, heights, a);
  let most = -1;
  for (let i = best; i < tops.length && tops[i] < b; i++) {
    const share = Math.min(b, tops[i] + heights[i]) - Math.max(a, tops[i]);
    if (share > most) {
      most = share;
      best = i;
    }
  }
  return best + 1;
}

/** Where to scroll to show page `n` (from 1) `fraction` of its height down
 *  (0: its top just below the padding). */
export function scrollTopFor(tops: readonly number[], heights: readonly number[], n: number, fraction = 0): number {
  const i = Math.min(Math.max(1, n), tops.length) - 1;
  if (i < 0) return 0;
  return Math.max(0, tops[i] - PAGE_PAD + fraction * heights[i]);
}

/** How far down page `n` the scroll position is, as a fraction of its height. */
export function fractionOf(tops: readonly number[], heights: readonly number[], n: number, scrollTop: number): number {
  const i = n - 1;
  if (i < 0 || i >= tops.length || heights[i] <= 0) return 0;
  return (scrollTop - (tops[i] - PAGE_PAD)) / heights[i];
}

/** The pages to draw, `ahead` either side of those visible, and those to
 *  keep drawn (one more either side, so that a small scroll back and forth
 *  does not draw a page again). */
export function pagesAround(
  visible: Iterable<number>,
  total: number,
  ahead = 2,
): { draw: [number, number]; keep: [number, number] } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of visible) {
    lo = Math.min(lo, n);
    hi = Math.max(hi, n);
  }
  if (lo > hi || total < 1) return null;
  const within = (n: number) => Math.min(total, Math.max(1, n));
  return {
    draw: [within(lo - ahead), within(hi + ahead)],
    keep: [within(lo - ahead - 1), within(hi + ahead + 1)],
  };
}

/** Pages from..to ordered nearest to `around` first. */
export function byDistance(from: number, to: number, around: number): number[] {
  const pages: number[] = [];
  for (let n = from; n <= to; n++) pages.push(n);
  return pages.sort((x, y) => Math.abs(x - around) - Math.abs(y - around) || x - y);
}

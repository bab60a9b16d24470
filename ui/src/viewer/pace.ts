// How fast the reader moves through the pages. Flinging through a 300-page
// scan passes a page every frame or two; drawing each (pdf.js decodes its
// whole image, ~0.1 s of a core) would only be thrown away and would take
// the CPU the scrolling itself needs. So while the view moves more than
// FAST_SCREENS screens within WINDOW_MS (long enough to hold a few frames
// even when frames are slow), nothing new is drawn; it is drawn once no
// such move has been seen for SETTLE_MS. A PageDown or a wheel notch is
// less than that.

export const WINDOW_MS = 150;
export const FAST_SCREENS = 1.5;
export const SETTLE_MS = 120;

export class ScrollPace {
  private samples: { t: number; y: number }[] = [];

  /** Records the scroll position `y` at time `t` (ms); whether the view
   *  is moving fast, for a view `viewHeight` tall. */
  note(t: number, y: number, viewHeight: number): boolean {
    this.samples.push({ t, y });
    while (this.samples.length > 1 && t - this.samples[0].t > WINDOW_MS) this.samples.shift();
    let moved = 0;
    for (let i = 1; i < this.samples.length; i++) moved += Math.abs(this.samples[i].y - this.samples[i - 1].y);
    return moved > FAST_SCREENS * Math.max(1, viewHeight);
  }

  /** A jump the app made (go to page, a reference, a search hit) is not
   *  the reader flinging. */
  reset(y: number, t: number) {
    this.samples = [{ t, y }];
  }
}

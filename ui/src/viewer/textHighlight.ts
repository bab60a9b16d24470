// Marks a search hit in a page's text layer the way pdf.js's own viewer
// does: the covered part of each text span wrapped in
// <span class="highlight appended selected"> (textLayer.css draws it).
import type { ItemRange } from "../pdfSearch";

/** What highlight needs of a pdf.js TextLayer. */
export interface TextSpans {
  readonly textDivs: HTMLElement[];
  readonly textContentItemsStr: string[];
}

/** Highlights `ranges`; returns the first mark (to scroll to) and a function
 *  putting the spans back as they were. */
export function highlight(
  layer: TextSpans,
  ranges: readonly ItemRange[],
): { first: HTMLElement | null; undo: () => void } {
  const byItem = new Map<number, ItemRange[]>();
  for (const r of ranges) byItem.set(r.item, [...(byItem.get(r.item) ?? []), r]);
  const touched: number[] = [];
  let first: HTMLElement | null = null;
  for (const [item, parts] of [...byItem].sort(([a], [b]) => a - b)) {
    const div = layer.textDivs[item];
    const str = layer.textContentItemsStr[item];
    if (!div || str === undefined) continue;
    touched.push(item);
    div.textContent = "";
    let at = 0;
    for (const r of parts.sort((a, b) => a.start - b.start)) {
      if (r.start > at) div.append(str.slice(at, r.start));
      const mark = document.createElement("span");
      mark.className = "highlight appended selected";
      mark.textContent = str.slice(r.start, r.end);
      div.append(mark);
      first ??= mark;
      at = r.end;
    }
    if (at < str.length) div.append(str.slice(at));
  }
  return {
    first,
    undo: () => {
      for (const item of touched) {
        const div = layer.textDivs[item];
        if (div) div.textContent = layer.textContentItemsStr[item] ?? "";
      }
    },
  };
}

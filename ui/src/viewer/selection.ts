// What "引用此页" quotes: text selected in a page's text layer. The page is
// the one the selection starts on, so a passage cited is cited at its page
// even when another page is the one in view.

export interface PageSelection {
  text: string;
  page: number;
}

/** The selection, when it starts inside one of `root`'s page boxes
 *  (elements with data-page) and is not empty; otherwise null. */
export function selectionOnPage(root: HTMLElement | null, selection: Selection | null): PageSelection | null {
  if (!root || !selection || selection.isCollapsed || !selection.anchorNode) return null;
  const node = selection.anchorNode;
  const el = node instanceof Element ? node : node.parentElement;
  const box = el?.closest<HTMLElement>("[data-page]");
  if (!box || !root.contains(box)) return null;
  const page = Number(box.dataset.page);
  const text = selection.toString();
  return Number.isInteger(page) && page >= 1 && text.trim() ? { text, page } : null;
}

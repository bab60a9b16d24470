// The viewer's keyboard: Ctrl (⌘) + / − / 0 zoom, Ctrl F searches,
// PageDown / PageUp and Home / End go through the pages (not while typing
// in a field, where they move the caret).

export type ViewerKey =
  "zoomIn" | "zoomOut" | "zoomReset" | "find" | "nextPage" | "prevPage" | "firstPage" | "lastPage";

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function viewerKey(e: KeyLike, inField: boolean): ViewerKey | null {
  if (e.altKey) return null;
  if (e.ctrlKey || e.metaKey) {
    switch (e.key) {
      case "+":
      case "=":
        return "zoomIn";
      case "-":
      case "_":
        return "zoomOut";
      case "0":
        return "zoomReset";
      case "f":
      case "F":
        return e.shiftKey ? null : "find";
      default:
        return null;
    }
  }
  if (inField || e.shiftKey) return null;
  switch (e.key) {
    case "PageDown":
      return "nextPage";
    case "PageUp":
      return "prevPage";
    case "Home":
      return "firstPage";
    case "End":
      return "lastPage";
    default:
      return null;
  }
}

/** Whether keys typed at `target` belong to a field. */
export function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
}

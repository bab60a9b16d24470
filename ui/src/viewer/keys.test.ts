import { describe, expect, it } from "vitest";
import { viewerKey } from "./keys";

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("viewer keys", () => {
  it("zoom and search with Ctrl (or ⌘)", () => {
    expect(viewerKey(key("+", { ctrlKey: true, shiftKey: true }), false)).toBe("zoomIn");
    expect(viewerKey(key("=", { ctrlKey: true }), false)).toBe("zoomIn");
    expect(viewerKey(key("-", { metaKey: true }), false)).toBe("zoomOut");
    expect(viewerKey(key("0", { ctrlKey: true }), true)).toBe("zoomReset");
    expect(viewerKey(key("f", { ctrlKey: true }), true)).toBe("find");
    expect(viewerKey(key("+"), false)).toBeNull();
  });
  it("go through the pages, except while typing in a field", () => {
    expect(viewerKey(key("PageDown"), false)).toBe("nextPage");
    expect(viewerKey(key("PageUp"), false)).toBe("prevPage");
    expect(viewerKey(key("Home"), false)).toBe("firstPage");
    expect(viewerKey(key("End"), false)).toBe("lastPage");
    expect(viewerKey(key("Home"), true)).toBeNull();
    expect(viewerKey(key("End", { shiftKey: true }), false)).toBeNull();
  });
});

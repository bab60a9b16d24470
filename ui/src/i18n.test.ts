// The language is an app-level choice kept across starts; <html lang> says
// it from the first paint, not only after a change.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  localStorage.clear();
  vi.resetModules();
});

describe("i18n", () => {
  it("sets <html lang> at start from the stored choice", async () => {
    localStorage.setItem("paneldesk.locale", "en");
    document.documentElement.lang = "";
    const { i18n } = await import("./i18n");
    expect(i18n.global.locale.value).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });
  it("starts in Chinese when nothing is stored, and keeps a change", async () => {
    document.documentElement.lang = "";
    const { i18n, setLocale } = await import("./i18n");
    expect(document.documentElement.lang).toBe("zh-CN");
    setLocale("en");
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("paneldesk.locale")).toBe("en");
    setLocale("zh-CN");
    expect(i18n.global.locale.value).toBe("zh-CN");
  });
});

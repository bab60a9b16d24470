import { createI18n } from "vue-i18n";
import zh from "./locales/zh-CN";
import en from "./locales/en";

export type Locale = "zh-CN" | "en";
const STORAGE_KEY = "paneldesk.locale";

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

const initial = initialLocale();
export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": zh, en },
});
// From the first paint, not only after a change: screen readers pick their
// voice and the WebView its CJK glyph forms by <html lang>.
document.documentElement.lang = initial;

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Private mode or no storage: the choice lasts for this session only.
  }
}

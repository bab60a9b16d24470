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

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": zh, en },
});

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Private mode or no storage: the choice lasts for this session only.
  }
}

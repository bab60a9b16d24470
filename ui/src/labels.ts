// Labels for values that reach the window as data rather than as a closed
// enum with locale keys: the rubric's grades (Chinese words from Rust) and
// Rust's own two-language labels, which are written lower-case to be used
// inside sentences.
import { useI18n } from "vue-i18n";
import type { Msg } from "./bindings/Msg";

export function useLabels() {
  const { t, te, locale } = useI18n();
  /** 优秀 → Excellent in English; a grade the locale does not know is shown as is. */
  const grade = (g: string) => (te("grades." + g) ? t("grades." + g) : g);
  /** A Rust label standing alone (a table cell, a badge): "enterprise" → "Enterprise". */
  const label = (m: Msg) => (locale.value === "en" ? m.en.charAt(0).toUpperCase() + m.en.slice(1) : m.zh);
  return { grade, label };
}

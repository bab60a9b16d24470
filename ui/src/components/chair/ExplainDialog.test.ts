// "Explain": the dialog takes focus, is named by its heading, closes with
// Escape, and gives focus back to the button that opened it.
import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import { i18n } from "../../i18n";
import type { ExplanationDto } from "../../bindings/ExplanationDto";
import ExplainDialog from "./ExplainDialog.vue";

const explanation: ExplanationDto = {
  target: "total",
  method: "mean",
  rubric_method: "mean",
  trim_min_panel: null,
  terms: [{ expert_id: "E01", value: "80", used: true }],
  sum: "80",
  divisor: 1,
  quotient: "80",
  quotient_exact: true,
  value: "80",
  steps: { zh: "80 ÷ 1 = 80", en: "80 ÷ 1 = 80" },
};

describe("ExplainDialog", () => {
  it("takes focus, closes with Escape and gives focus back", async () => {
    const opener = document.createElement("button");
    document.body.appendChild(opener);
    opener.focus();
    const w = mount(ExplainDialog, {
      props: { explanation, title: "合计" },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    const dialog = w.get('[data-test="explain-dialog"]');
    expect(document.getElementById(dialog.attributes("aria-labelledby") ?? "")?.textContent).toContain("合计");
    expect(document.activeElement).toBe(w.get('[data-test="explain-close"]').element);
    await w.get('[data-test="explain-close"]').trigger("keydown", { key: "Escape" });
    expect(w.emitted("close")).toHaveLength(1);
    w.unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

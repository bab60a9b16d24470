import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import { i18n } from "../i18n";
import DateField from "./DateField.vue";

function field(modelValue = "", kind: "date" | "time" = "date") {
  return mount(DateField, {
    global: { plugins: [i18n] },
    props: { modelValue, kind, "data-test": "d" },
    attachTo: document.body,
  });
}

describe("DateField", () => {
  it("shows the date as the chosen language writes it, whatever the machine's locale", async () => {
    i18n.global.locale.value = "zh-CN";
    const w = field("2030-06-30");
    const input = w.get('[data-test="d"]');
    expect((input.element as HTMLInputElement).value).toBe("2030-06-30");
    expect(w.get(".date-shown").text()).toBe("2030年6月30日");
    i18n.global.locale.value = "en";
    await w.vm.$nextTick();
    expect(w.get(".date-shown").text()).toBe("2030-06-30");
    i18n.global.locale.value = "zh-CN";
  });

  it("passes a typed date on as YYYY-MM-DD, and an unreadable one as typed, marked", async () => {
    const w = field();
    const input = w.get('[data-test="d"]');
    await input.setValue("2026年6月2日");
    expect(w.emitted("update:modelValue")?.at(-1)).toEqual(["2026-06-02"]);
    await input.setValue("2026-02-30");
    expect(w.emitted("update:modelValue")?.at(-1)).toEqual(["2026-02-30"]);
    expect(input.attributes("aria-invalid")).toBe("true");
    expect(w.get(".date-shown").text()).toContain("2026-12-01");
  });

  it("reads a time of day", async () => {
    const w = field("17:00", "time");
    await w.get('[data-test="d"]').setValue("9:30");
    expect(w.emitted("update:modelValue")?.at(-1)).toEqual(["09:30"]);
  });
});

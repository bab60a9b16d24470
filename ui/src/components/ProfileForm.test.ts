// The profile form: the first start asks for the details; editing a
// recorded profile says so and can go back without saving.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import ProfileForm from "./ProfileForm.vue";

afterEach(() => clearMocks());

const profile = { expert_id: "X02", name: "张明", title: "教授", affiliation: "聊城大学" };

describe("ProfileForm", () => {
  it("says 首次使用 only on the first start, with no way back", () => {
    i18n.global.locale.value = "zh-CN";
    const w = mount(ProfileForm, { props: { initial: null }, global: { plugins: [i18n] } });
    expect(w.get('[data-test="profile-intro"]').text()).toContain("首次使用");
    expect(w.find('[data-test="profile-cancel"]').exists()).toBe(false);
  });

  it("editing a recorded profile says so and goes back without saving", async () => {
    i18n.global.locale.value = "zh-CN";
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === "identity_status" ? { has_key: false, min_passphrase_chars: 8 } : null;
    });
    const w = mount(ProfileForm, { props: { initial: profile }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.get('[data-test="profile-intro"]').text()).not.toContain("首次使用");
    await w.get('[data-test="profile-cancel"]').trigger("click");
    expect(w.emitted("cancel")).toHaveLength(1);
    expect(calls).not.toContain("set_profile");
  });
});

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

  it("on the first start lists the opened batch's panel, says who chairs, and fills in a pick", async () => {
    i18n.global.locale.value = "zh-CN";
    mockIPC((cmd) =>
      cmd === "inspect_batch"
        ? {
            batch_id: "B",
            title: "2026年度评审",
            organizer: "聊城市科学技术局",
            organizer_id: null,
            certificate_sha256: null,
            fingerprint: null,
            revision: 1,
            signed_at: null,
            pin: "unsigned",
            panel: [
              { expert_id: "X01", name: "王芳", title: "研究员", affiliation: "山东大学", role: "chair" },
              { expert_id: "X02", name: "张明", title: "教授", affiliation: "聊城大学", role: "member" },
            ],
          }
        : null,
    );
    const w = mount(ProfileForm, { props: { initial: null, batchPath: "/b.zip" }, global: { plugins: [i18n] } });
    await flushPromises();
    const roster = w.get('[data-test="profile-roster"]');
    expect(roster.text()).toContain("2026年度评审");
    expect(w.get('[data-test="role-X01"]').text()).toBe("专家组组长");
    expect(w.find('[data-test="role-X02"]').exists()).toBe(false);
    await w.get('[data-test="pick-X02"]').trigger("click");
    const value = (name: string) => (w.get(`input[name="${name}"]`).element as HTMLInputElement).value;
    expect([value("expert_id"), value("name"), value("title"), value("affiliation")]).toEqual([
      "X02",
      "张明",
      "教授",
      "聊城大学",
    ]);
  });
});

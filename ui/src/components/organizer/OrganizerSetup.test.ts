// The organiser's first start: what is sent to make the folder the
// bureau's, a refusal shown as Rust words it, the passphrase never kept.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../../i18n";
import type { IdentityStatus } from "../../bindings/IdentityStatus";
import ProfileForm from "../ProfileForm.vue";
import OrganizerSetup from "./OrganizerSetup.vue";

const status = (organizer: boolean): IdentityStatus => ({
  has_key: organizer,
  subject: organizer ? "CN=聊城市科学技术局, serialNumber=LCSTB" : null,
  self_signed: true,
  certificate_sha256: organizer ? "c0ffee" : null,
  fingerprint: organizer ? "C0:FF:EE" : null,
  not_before: null,
  not_after: null,
  has_signature_image: false,
  min_passphrase_chars: 8,
  organizer,
});

afterEach(() => clearMocks());

const value = (w: ReturnType<typeof mount>, test: string) =>
  (w.get(`[data-test="${test}"]`).element as HTMLInputElement).value;

describe("OrganizerSetup", () => {
  it("sends the organiser id, name and passphrase twice, and hands on the status", async () => {
    i18n.global.locale.value = "zh-CN";
    const sent: Record<string, unknown>[] = [];
    let finish: (s: IdentityStatus) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "identity_status") return status(false);
      if (cmd === "organizer_create") {
        sent.push(args as Record<string, unknown>);
        return new Promise<IdentityStatus>((r) => (finish = r));
      }
      return null;
    });
    const w = mount(OrganizerSetup, { global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.text()).toContain("由 1–64 个字母、数字或 . _ - 组成");
    expect(w.text()).toContain("至少 8 个字符");
    expect(w.get('[data-test="org-create"]').attributes("disabled")).toBeDefined();
    await w.get('[data-test="org-id"]').setValue("LCSTB");
    await w.get('[data-test="org-name"]').setValue("聊城市科学技术局");
    await w.get('[data-test="org-passphrase"]').setValue("bureau passphrase 2026");
    await w.get('[data-test="org-confirm"]').setValue("bureau passphrase 2026");
    await w.get('[data-test="org-create"]').trigger("submit");
    await flushPromises();
    // While the key is made the button says so and cannot be pressed again.
    expect(w.get('[data-test="org-create"]').text()).toBe("正在生成…");
    expect(w.get('[data-test="org-create"]').attributes("disabled")).toBeDefined();
    finish(status(true));
    await flushPromises();
    expect(sent).toEqual([
      {
        organizerId: "LCSTB",
        name: "聊城市科学技术局",
        passphrase: "bureau passphrase 2026",
        confirm: "bureau passphrase 2026",
      },
    ]);
    expect(w.emitted("created")).toEqual([[status(true)]]);
    expect(value(w, "org-passphrase")).toBe("");
  });

  it("shows a refusal and clears both passphrases", async () => {
    i18n.global.locale.value = "zh-CN";
    mockIPC((cmd) => {
      if (cmd === "identity_status") return status(false);
      if (cmd === "organizer_create")
        throw { code: "passphrase-mismatch", message: { zh: "两次输入的口令不一致", en: "the passphrases differ" } };
      return null;
    });
    const w = mount(OrganizerSetup, { global: { plugins: [i18n] } });
    await flushPromises();
    await w.get('[data-test="org-id"]').setValue("LCSTB");
    await w.get('[data-test="org-name"]').setValue("聊城市科学技术局");
    await w.get('[data-test="org-passphrase"]').setValue("bureau passphrase 2026");
    await w.get('[data-test="org-confirm"]').setValue("bureau passphrase 2025");
    await w.get('[data-test="org-create"]').trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="error"]').text()).toContain("两次输入的口令不一致");
    expect([value(w, "org-passphrase"), value(w, "org-confirm")]).toEqual(["", ""]);
    expect(value(w, "org-id")).toBe("LCSTB");
    expect(w.emitted("created")).toBeUndefined();
  });

  it("is offered on the profile form's first start only, and leads back to it", async () => {
    i18n.global.locale.value = "zh-CN";
    mockIPC((cmd) => (cmd === "identity_status" ? status(false) : null));
    const w = mount(ProfileForm, { props: { initial: null }, global: { plugins: [i18n] } });
    await w.get('[data-test="organizer-start"]').trigger("click");
    await flushPromises();
    expect(w.find('[data-test="organizer-setup"]').exists()).toBe(true);
    expect(w.find('[data-test="profile-form"]').exists()).toBe(false);
    await w.get('[data-test="org-back"]').trigger("click");
    expect(w.find('[data-test="profile-form"]').exists()).toBe(true);

    const editing = mount(ProfileForm, {
      props: { initial: { expert_id: "X02", name: "张明", title: "教授", affiliation: "聊城大学" } },
      global: { plugins: [i18n] },
    });
    expect(editing.find('[data-test="organizer-start"]').exists()).toBe(false);
  });
});

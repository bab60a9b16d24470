// The workbench's tests' shared set-up: answers of the simulated command
// layer (identity, built packages, roster lines) and the mounted view, with
// every call it made recorded.
import { afterEach, beforeEach } from "vitest";
import { mount, type VueWrapper } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../../i18n";
import type { BuiltPackageDto } from "../../bindings/BuiltPackageDto";
import type { IdentityStatus } from "../../bindings/IdentityStatus";
import type { RosterLineDto } from "../../bindings/RosterLineDto";
import OrganizerView from "./OrganizerView.vue";

export const FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
export const status = (sha = "c0ffee"): IdentityStatus => ({
  has_key: true,
  subject: "CN=聊城市科学技术局, serialNumber=LCSTB",
  self_signed: true,
  certificate_sha256: sha,
  fingerprint: FP,
  not_before: "2026-12-01T00:00:00Z",
  not_after: "2031-12-01T00:00:00Z",
  has_signature_image: false,
  min_passphrase_chars: 8,
  organizer: true,
});

export const pkg = (id: string, over: Partial<BuiltPackageDto> = {}): BuiltPackageDto => ({
  path: `/work/out/${id}.zip`,
  id,
  center_name: `中心 ${id}`,
  kind: "establishment",
  sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  verdict: "eligible",
  rules: [
    {
      id: "space",
      result: "pass",
      article: "第八条（组建条件）第（三）项",
      message: { zh: "研发用房达标", en: "space ok" },
    },
    {
      id: "staff",
      result: "warn",
      article: "第八条（组建条件）第（四）项",
      message: { zh: "人员偏少", en: "few staff" },
    },
  ],
  left_out: [],
  not_shown: [],
  replaced: null,
  ...over,
});

export const line = (id: string, name: string, role = "member"): RosterLineDto => ({
  certificate: `/work/certs/${id}.pem`,
  expert_id: id,
  name,
  role,
  title: "教授",
  affiliation: "聊城大学",
  certificate_sha256: "ab".repeat(32),
  fingerprint: FP,
  not_after: "2028-12-01T00:00:00Z",
});

type Call = { cmd: string; args: Record<string, unknown> };
let calls: Call[] = [];

/** Mounts the workbench with `answer` as the command layer; records every call. */
export function mountView(answer: (cmd: string, args: Record<string, unknown>) => unknown, sha = "c0ffee") {
  calls = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    return answer(cmd, a);
  });
  return mount(OrganizerView, {
    props: { status: status(sha), organizerId: "LCSTB" },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

export const args = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
export const rows = (w: VueWrapper, test: string) => w.findAll(`[data-test="${test}"]`);
export async function type(w: VueWrapper, test: string, value: string) {
  await w.get(`[data-test="${test}"]`).setValue(value);
}

/** The state every workbench test starts from, and what it leaves behind. */
export function workbenchHooks() {
  beforeEach(() => {
    i18n.global.locale.value = "zh-CN";
    localStorage.clear();
  });
  afterEach(() => {
    clearMocks();
    document.body.innerHTML = "";
  });
}

import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...a: unknown[]) => invoke(...a) }));

import { call } from "./api";
import { askEarly, dropEarly } from "./early";

describe("answers asked for at start", () => {
  beforeEach(() => {
    invoke.mockReset();
    dropEarly();
  });

  it("are taken once by the first call without arguments; later calls ask again", async () => {
    invoke.mockResolvedValueOnce(["early"]).mockResolvedValueOnce(["again"]);
    askEarly(["list_batches"]);
    expect(await call("list_batches")).toEqual(["early"]);
    expect(await call("list_batches")).toEqual(["again"]);
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it("keep their error for the caller, as an ApiError", async () => {
    invoke.mockRejectedValueOnce({ code: "store", message: { zh: "坏", en: "bad" } });
    askEarly(["get_profile"]);
    await expect(call("get_profile")).rejects.toMatchObject({ code: "store" });
  });

  it("are not used for a call with arguments, nor once dropped", async () => {
    invoke.mockResolvedValue("asked");
    askEarly(["list_packages", "identity_status"]);
    invoke.mockResolvedValue("fresh");
    expect(await call("list_packages", { batchId: "B" })).toBe("fresh");
    dropEarly(["identity_status"]);
    expect(await call("identity_status")).toBe("fresh");
  });
});

import { describe, expect, it, vi } from "vitest";
import { Autosaver } from "./autosave";

describe("Autosaver", () => {
  it("saves once, shortly after the last change", async () => {
    vi.useFakeTimers();
    const saved: number[] = [];
    const a = new Autosaver<number>(async (v) => void saved.push(v), 600);
    a.changed(1);
    a.changed(2);
    await vi.advanceTimersByTimeAsync(599);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual([2]);
    expect(a.idle).toBe(true);
    vi.useRealTimers();
  });
  it("never runs two saves at once and keeps the latest value", async () => {
    let release: () => void = () => {};
    const saved: number[] = [];
    const a = new Autosaver<number>(async (v) => {
      await new Promise<void>((r) => (release = r));
      saved.push(v);
    }, 0);
    a.changed(1);
    const first = a.flush();
    a.changed(2);
    const second = a.flush();
    release();
    await first;
    await Promise.resolve();
    release();
    await second;
    expect(saved).toEqual([1, 2]);
  });
  it("keeps a value whose save failed, to retry it", async () => {
    let fail = true;
    const saved: number[] = [];
    const a = new Autosaver<number>(async (v) => {
      if (fail) throw new Error("disk full");
      saved.push(v);
    }, 0);
    a.changed(7);
    await expect(a.flush()).rejects.toThrow("disk full");
    fail = false;
    await a.flush();
    expect(saved).toEqual([7]);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { BitmapImageDecoder, provideImageDecoder } from "./jpegDecoder";

afterEach(() => vi.unstubAllGlobals());

describe("BitmapImageDecoder", () => {
  it("offers JPEG only, as pdf.js asks (BMP stays pdf.js's own)", async () => {
    expect(await BitmapImageDecoder.isTypeSupported("image/jpeg")).toBe(true);
    expect(await BitmapImageDecoder.isTypeSupported("image/bmp")).toBe(false);
    expect(() => new BitmapImageDecoder({ data: new Uint8Array(1), type: "image/bmp" })).toThrow(TypeError);
  });

  it("decodes the bytes given with the engine's decoder, once open", async () => {
    const seen: Blob[] = [];
    const bitmap = { width: 4, height: 2 };
    vi.stubGlobal("createImageBitmap", async (b: Blob) => (seen.push(b), bitmap));
    const d = new BitmapImageDecoder({ data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), type: "image/jpeg" });
    expect((await d.decode()).image).toBe(bitmap);
    expect(seen[0].type).toBe("image/jpeg");
    expect(new Uint8Array(await seen[0].arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    d.close();
    await expect(d.decode()).rejects.toThrow("closed");
  });

  it("is installed only where the engine has no ImageDecoder and can make bitmaps", () => {
    const bare: Record<string, unknown> = {};
    provideImageDecoder(bare);
    expect(bare.ImageDecoder).toBeUndefined();
    const webkit: Record<string, unknown> = { createImageBitmap: () => {} };
    provideImageDecoder(webkit);
    expect(webkit.ImageDecoder).toBe(BitmapImageDecoder);
    const chrome: Record<string, unknown> = { createImageBitmap: () => {}, ImageDecoder: "native" };
    provideImageDecoder(chrome);
    expect(chrome.ImageDecoder).toBe("native");
  });
});

// pdf.js decodes a JPEG in its worker with its own JavaScript decoder
// unless the engine has WebCodecs' ImageDecoder, which WebKitGTK does not:
// ~150–400 ms for each page of a 150 dpi scan on a slow laptop. The
// engine's own JPEG decoder is reachable from a worker through
// createImageBitmap, so the viewer's worker is given the small part of
// ImageDecoder pdf.js uses (isTypeSupported, decode().image, close): the
// same path pdf.js takes in Firefox and Chrome, with the same checks
// (JpegImage.canUseImageDecoder turns away the JPEGs whose colours need
// pdf.js's own transforms, and the EXIF block is blanked so no rotation
// applies). Anything it refuses is decoded by pdf.js as before.

/** The image types handed to the engine: JPEG only (pdf.js also asks
 *  for BMP to shrink huge images; that stays pdf.js's own). */
const TYPES = new Set(["image/jpeg"]);

export class BitmapImageDecoder {
  private blob: Blob | null;

  static isTypeSupported(type: string): Promise<boolean> {
    return Promise.resolve(TYPES.has(type));
  }

  constructor({ data, type }: { data: BufferSource; type: string }) {
    if (!TYPES.has(type)) throw new TypeError(`unsupported image type ${type}`);
    this.blob = new Blob([data], { type });
  }

  async decode(): Promise<{ image: ImageBitmap }> {
    if (!this.blob) throw new DOMException("decoder closed", "InvalidStateError");
    return { image: await createImageBitmap(this.blob) };
  }

  close() {
    this.blob = null;
  }
}

/** Installs the decoder where pdf.js looks for ImageDecoder, unless the
 *  engine has its own. */
export function provideImageDecoder(scope: Record<string, unknown>) {
  if (typeof scope.ImageDecoder === "undefined" && typeof scope.createImageBitmap === "function") {
    scope.ImageDecoder = BitmapImageDecoder;
  }
}

// Imported by the worker before pdf.js (pdfWorker.ts): installed on import,
// in a worker only.
if ("WorkerGlobalScope" in globalThis) provideImageDecoder(globalThis as never);

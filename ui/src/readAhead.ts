// The parts of a PDF read at once when it opens (the spans Rust names in
// OpenedDocument.ahead: header, tail, cross-reference tables, the small
// objects), held here and handed to pdf.js when it asks for them, instead
// of one round trip to Rust each. pdf.js asks for whole parts of a fixed
// size, so the spans are widened to the parts that hold them.
import type { ByteSpan } from "./bindings/ByteSpan";

/** The parts of `part` bytes that `spans` touch, joined where they follow
 *  one another, at most `limit` bytes in all (the first ones kept). */
export function partsToRead(spans: ByteSpan[], length: number, part: number, limit: number): ByteSpan[] {
  const wanted = new Set<number>();
  for (const { begin, end } of spans) {
    for (let k = Math.floor(begin / part); k * part < Math.min(end, length); k++) wanted.add(k);
  }
  const out: ByteSpan[] = [];
  let total = 0;
  for (const k of [...wanted].sort((a, b) => a - b)) {
    const begin = k * part;
    const end = Math.min(length, begin + part);
    if (total + end - begin > limit) break;
    total += end - begin;
    const last = out.at(-1);
    if (last && last.end === begin) last.end = end;
    else out.push({ begin, end });
  }
  return out;
}

/** Parts read ahead, each given out once. */
export class ReadAhead {
  private held = new Map<number, Uint8Array>();

  /** `bytes` holds `ranges` (from partsToRead) one after another. */
  constructor(
    ranges: ByteSpan[],
    bytes: ArrayBuffer,
    private part: number,
  ) {
    let at = 0;
    for (const { begin, end } of ranges) {
      for (let b = begin; b < end; b += part) {
        const n = Math.min(part, end - b);
        this.held.set(b / part, new Uint8Array(bytes, at, n));
        at += n;
      }
    }
  }

  /** Bytes `begin..end` (whole parts, as pdf.js asks) when every part is
   *  held; they are forgotten here, pdf.js keeps what it was given. */
  take(begin: number, end: number): Uint8Array | null {
    if (begin % this.part !== 0) return null;
    const ks: number[] = [];
    for (let k = begin / this.part; k * this.part < end; k++) {
      if (!this.held.has(k)) return null;
      ks.push(k);
    }
    const out = new Uint8Array(end - begin);
    let at = 0;
    for (const k of ks) {
      const bytes = this.held.get(k)!;
      if (at + bytes.length > out.length) return null;
      out.set(bytes, at);
      at += bytes.length;
    }
    if (at !== out.length) return null;
    ks.forEach((k) => this.held.delete(k));
    return out;
  }
}

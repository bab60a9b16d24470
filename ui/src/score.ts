// The score form's immediate check of a typed score against its criterion,
// for feedback while typing. Rust checks every save and alone decides what
// may be signed; this mirrors its rules (core::decimal::Dec::parse, 0 ≤ score
// ≤ max, a whole multiple of the step) on exact integers — millionths held
// in BigInt, as Rust's Dec — never on floats, where 10.3 % 0.5 is not 0.3.
import type { CriterionDto } from "./bindings/CriterionDto";

const PLACES = 6;
const SCALE = 10n ** BigInt(PLACES);

/** A plain decimal literal as Rust reads it (`-12`, `18.5`; no `+`, `.5` or `5.`),
 *  in millionths; null when it is not one or has more than six places. */
export function parseMicros(s: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > PLACES) return null;
  const v = BigInt(m[2]) * SCALE + BigInt(frac.padEnd(PLACES, "0") || "0");
  return m[1] ? -v : v;
}

/** Millionths back to the shortest exact decimal: 835000000n → "835", 500000n → "0.5". */
export function formatMicros(v: bigint): string {
  const sign = v < 0n ? "-" : "";
  const a = v < 0n ? -v : v;
  const frac = (a % SCALE).toString().padStart(PLACES, "0").replace(/0+$/, "");
  return sign + (a / SCALE).toString() + (frac ? "." + frac : "");
}

/** Why a typed score is not valid for its criterion. */
export type ScoreProblem = "number" | "negative" | "max" | "step";

/** The check of one typed score: blank (not scored yet), valid with its
 *  value, or the reason it is not. Like Rust, surrounding spaces are ignored. */
export type ScoreCheck =
  { kind: "blank" } | { kind: "valid"; micros: bigint } | { kind: "invalid"; problem: ScoreProblem };

export function checkScore(typed: string, c: Pick<CriterionDto, "max" | "step">): ScoreCheck {
  const s = typed.trim();
  if (!s) return { kind: "blank" };
  const v = parseMicros(s);
  if (v === null) return { kind: "invalid", problem: "number" };
  const max = parseMicros(c.max);
  const step = parseMicros(c.step);
  if (v < 0n) return { kind: "invalid", problem: "negative" };
  if (max !== null && v > max) return { kind: "invalid", problem: "max" };
  if (step !== null && step > 0n && v % step !== 0n) return { kind: "invalid", problem: "step" };
  return { kind: "valid", micros: v };
}

/** The total of the valid scores only, exact: an invalid one counts for nothing. */
export function validTotal(checks: ScoreCheck[]): string {
  return formatMicros(checks.reduce((sum, c) => (c.kind === "valid" ? sum + c.micros : sum), 0n));
}

/** The same figure written two ways ("83.50" and "83.5") is one figure. */
export function sameFigure(a: string, b: string): boolean {
  const x = parseMicros(a.trim());
  return x !== null && x === parseMicros(b.trim());
}

// Display helpers. Figures arrive from Rust as exact decimal strings; these
// only group digits and pick out parts of timestamps, never compute.
import type { PackageStatus } from "./bindings/PackageStatus";
import type { Verdict } from "./bindings/Verdict";

/** "12345.5" → "12,345.5"; anything that is not a plain decimal is shown as is. */
export function groupDigits(v: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(v);
  if (!m) return v;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (m[3] ?? "");
}

/** The wall-clock time HH:MM:SS of an RFC 3339 timestamp, as written. */
export function clockTime(rfc3339: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})/.exec(rfc3339);
  return m ? m[1] : rfc3339;
}

/** "2026-06-30T17:00:00+08:00" → "2026-06-30 17:00". */
export function dateTime(rfc3339: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(rfc3339);
  return m ? `${m[1]} ${m[2]}` : rfc3339;
}

// The closed sets come from Rust (bindings/); a filter needs them as lists,
// and these records make the type checker refuse one that misses or adds a value.
const verdicts: Record<Verdict, true> = {
  eligible: true,
  eligible_with_warnings: true,
  needs_judgment: true,
  ineligible: true,
  revoke: true,
};
const statuses: Record<PackageStatus, true> = { not_started: true, draft: true, signed: true, conflict: true };
export const VERDICTS = Object.keys(verdicts) as Verdict[];
export const STATUSES = Object.keys(statuses) as PackageStatus[];

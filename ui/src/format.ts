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

/** What of a date or timestamp to show: the day, the day and minute, or the time of day. */
export type DatePart = "date" | "datetime" | "time";

/**
 * A date ("2026-12-01") or RFC 3339 timestamp as the chosen language writes
 * it, whatever the machine's locale: zh-CN "2026年12月1日 14:05", otherwise
 * ISO-like "2026-12-01 14:05"; "time" is "14:05:07" in both. The wall clock
 * is taken as written (the offset Rust recorded), never converted, so every
 * screen and the signed PDF show the same time. Anything else is shown as is.
 */
export function formatDate(value: string, locale: string, show: DatePart = "date"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi, s] = m;
  if (show === "time") return h ? `${h}:${mi}:${s ?? "00"}` : value;
  const day = locale.startsWith("zh") ? `${y}年${Number(mo)}月${Number(d)}日` : `${y}-${mo}-${d}`;
  return show === "datetime" && h ? `${day} ${h}:${mi}` : day;
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

/**
 * A date as typed, in any of the ways people write one here
 * ("2026-12-01", "2026-12-1", "2026/12/1", "2026.12.1", "2026年12月1日"),
 * as "YYYY-MM-DD"; null when it is not a real calendar date. Rust checks
 * the date again; this only spares the user a native date field, which
 * shows the machine's locale instead of the chosen language.
 */
export function parseDateInput(text: string): string | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A time of day as typed ("9:05", "09:05", "9点05", "17：00") as "HH:MM", 24-hour; null otherwise. */
export function parseTimeInput(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:：点时]\s*(\d{2})\s*分?\s*$/.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, "0")}:${m[2]}`;
}

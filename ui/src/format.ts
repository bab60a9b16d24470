// Display helpers. Figures arrive from Rust as exact decimal strings; these
// only group digits and pick out parts of timestamps, never compute.

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

export const VERDICTS = ["eligible", "eligible_with_warnings", "needs_judgment", "ineligible", "revoke"] as const;
export const STATUSES = ["not_started", "draft", "signed", "conflict"] as const;

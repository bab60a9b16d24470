// Typed calls to the signing commands (src-tauri/src/commands/identity.rs
// and signing.rs). Passphrases are passed straight through, never kept.
import { call } from "./api";
import type { ExportResult } from "./bindings/ExportResult";
import type { IdentityStatus } from "./bindings/IdentityStatus";
import type { Phase } from "./bindings/Phase";
import type { SignatureSaved } from "./bindings/SignatureSaved";

export const signingApi = {
  identityStatus: () => call<IdentityStatus>("identity_status"),
  createIdentity: (passphrase: string, confirm: string) =>
    call<IdentityStatus>("create_identity", { passphrase, confirm }),
  /** `stored`: a new passphrase (typed twice) for the kept key, when the file's own is too short. */
  importIdentity: (path: string, passphrase: string, stored: { passphrase: string; confirm: string } | null = null) =>
    call<IdentityStatus>("import_identity", {
      path,
      passphrase,
      newPassphrase: stored?.passphrase ?? null,
      newConfirm: stored?.confirm ?? null,
    }),
  setSignature: (png: Uint8Array) => call<SignatureSaved>("set_signature", { png: Array.from(png) }),
  getSignature: () => call<ArrayBuffer>("get_signature"),
  /** Saves the certificate (PEM) for the bureau's roster; null when the dialog was cancelled. */
  exportCertificate: () => call<string | null>("export_certificate"),
  /** The unsigned form of that phase: 专家评审意见表 (desk) or 现场考察意见表 (site_visit). */
  previewReview: (batchId: string, packageId: string, phase: Phase = "desk") =>
    call<ArrayBuffer>("preview_review", { batchId, packageId, phase }),
  /** A draft reopening a signed review (复议) needs its reason; a first signature must have none. */
  signAndExport: (
    batchId: string,
    packageId: string,
    passphrase: string,
    phase: Phase = "desk",
    revisionReason: string | null = null,
  ) => call<ExportResult>("sign_and_export", { batchId, packageId, passphrase, phase, revisionReason }),
};

import type { CosignView } from "./bindings/CosignView";

/** 专家组成员签字 (src-tauri/src/commands/cosign.rs): the chair's signed 专家组意见, co-signed by a member. */
export const cosignApi = {
  /** Picks a 专家组意见 and verifies it; null when the dialog was cancelled. */
  open: () => call<CosignView | null>("cosign_open"),
  /** The chosen file's bytes, for pdf.js. */
  pdf: (path: string) => call<ArrayBuffer>("cosign_pdf", { path }),
  /** Co-signs and saves a copy; the copy's view, or null when the save dialog was cancelled. */
  sign: (path: string, passphrase: string) => call<CosignView | null>("cosign_sign", { path, passphrase }),
};

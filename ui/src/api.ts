// Typed calls to the Rust commands. The types come from ts-rs (bindings/),
// so a change on the Rust side breaks the type check here, not the user.
import { invoke } from "@tauri-apps/api/core";
import { takeEarly } from "./early";
import type { ApiError } from "./bindings/ApiError";
import type { BackupSaved } from "./bindings/BackupSaved";
import type { ByteSpan } from "./bindings/ByteSpan";
import type { RestoreStaged } from "./bindings/RestoreStaged";
import type { BatchDto } from "./bindings/BatchDto";
import type { IssuerDto } from "./bindings/IssuerDto";
import type { OpenedBatch } from "./bindings/OpenedBatch";
import type { OpenedDocument } from "./bindings/OpenedDocument";
import type { PackageDetail } from "./bindings/PackageDetail";
import type { PackageRowDto } from "./bindings/PackageRowDto";
import type { ProfileDto } from "./bindings/ProfileDto";
import type { SaveResult } from "./bindings/SaveResult";
import type { SheetInput } from "./bindings/SheetInput";
import type { SheetView } from "./bindings/SheetView";
import type { SignedExported } from "./bindings/SignedExported";

/** Anything thrown by a command, as an ApiError (IPC failures included). */
export function asApiError(e: unknown): ApiError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const m = (e as { message: unknown }).message;
    if (m && typeof m === "object" && "zh" in m && "en" in m) return e as ApiError;
  }
  const text = e instanceof Error ? e.message : String(e);
  return {
    code: "ipc",
    message: {
      zh: `与应用后台通信失败：${text}。请重启应用后重试`,
      en: `the window could not reach the app: ${text}. Restart the app and retry`,
    },
  };
}

/** The one way the window calls Rust: a command's result, or its ApiError. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await ((args ? undefined : takeEarly<T>(cmd)) ?? invoke<T>(cmd, args));
  } catch (e) {
    throw asApiError(e);
  }
}

export const api = {
  getProfile: () => call<ProfileDto | null>("get_profile"),
  setProfile: (profile: ProfileDto) => call<ProfileDto>("set_profile", { profile }),
  takeOpenRequest: () => call<string | null>("take_open_request"),
  /** A new organiser is trusted only with the certificate SHA-256 the user compared and confirmed. */
  openBatch: (path: string, trustOrganizer: string | null = null) =>
    call<OpenedBatch>("open_batch", { path, trustOrganizer }),
  /** Who issued a batch file, and whether that organiser is trusted yet; nothing is imported. */
  inspectBatch: (path: string) => call<IssuerDto>("inspect_batch", { path }),
  /** 取消 on the import's progress bar: the running open_batch ends with import-cancelled. */
  cancelImport: () => call<null>("cancel_import"),
  listBatches: () => call<BatchDto[]>("list_batches"),
  listPackages: (batchId: string) => call<PackageRowDto[]>("list_packages", { batchId }),
  packageDetail: (batchId: string, packageId: string) => call<PackageDetail>("package_detail", { batchId, packageId }),
  readDocument: (batchId: string, packageId: string, path: string) =>
    call<ArrayBuffer>("read_document", { batchId, packageId, path }),
  /** Opens a listed document for reading in parts: read and checked against its hash once. */
  openDocument: (batchId: string, packageId: string, path: string) =>
    call<OpenedDocument>("open_document", { batchId, packageId, path }),
  /** Bytes begin..end of a document opened with openDocument. */
  readDocumentRange: (batchId: string, packageId: string, path: string, begin: number, end: number) =>
    call<ArrayBuffer>("read_document_range", { batchId, packageId, path, begin, end }),
  /** The bytes of each span of a document opened with openDocument, one after another. */
  readDocumentRanges: (batchId: string, packageId: string, path: string, spans: ByteSpan[]) =>
    call<ArrayBuffer>("read_document_ranges", { batchId, packageId, path, spans }),
  getSheet: (batchId: string, packageId: string) => call<SheetView>("get_sheet", { batchId, packageId }),
  declareConflict: (batchId: string, packageId: string, declared: boolean, statement: string) =>
    call<SheetView>("declare_conflict", { batchId, packageId, declared, statement }),
  saveSheet: (batchId: string, packageId: string, sheet: SheetInput) =>
    call<SaveResult>("save_sheet", { batchId, packageId, sheet }),
  /** 备份数据: the data folder as one encrypted file; null when the save dialog was cancelled. */
  backupData: (passphrase: string) => call<BackupSaved | null>("backup_data", { passphrase }),
  /** The audit log, its reconciliation and the anchors in signed files; rejects with what was found. */
  checkAudit: () => call<null>("check_audit"),
  /** 从备份恢复's file, from the native open dialog; null when cancelled. */
  pickBackup: () => call<string | null>("pick_backup"),
  /** 从备份恢复 on a fresh folder: takes effect at the next start (restartApp). */
  restoreBackup: (path: string, passphrase: string) => call<RestoreStaged>("restore_backup", { path, passphrase }),
  restartApp: () => call<null>("restart_app"),
  /** Every signed review of the batch as one ZIP for the chair; null when the save dialog was cancelled. */
  exportSigned: (batchId: string) => call<SignedExported | null>("export_signed", { batchId }),
  /** 复议: a new draft holding the signed sheet; the signed file stays as it was. */
  reopenReview: (batchId: string, packageId: string) => call<SheetView>("reopen_review", { batchId, packageId }),
};

import type { PhotoDto } from "./bindings/PhotoDto";
import type { SiteVisitInput } from "./bindings/SiteVisitInput";
import type { SiteVisitView } from "./bindings/SiteVisitView";

export const siteApi = {
  get: (batchId: string, packageId: string) => call<SiteVisitView>("get_site_visit", { batchId, packageId }),
  save: (batchId: string, packageId: string, visit: SiteVisitInput) =>
    call<SiteVisitView>("save_site_visit", { batchId, packageId, visit }),
  addPhoto: (path: string) => call<PhotoDto>("add_photo", { path }),
  readPhoto: (sha256: string) => call<ArrayBuffer>("read_photo", { sha256 }),
};

// Typed calls to the chair's Rust commands (src-tauri/src/commands/chair.rs).
import { call } from "../../api";
import type { ChairExport } from "../../bindings/ChairExport";
import type { ChairImportReport } from "../../bindings/ChairImportReport";
import type { ChairOverview } from "../../bindings/ChairOverview";
import type { ChairPackage } from "../../bindings/ChairPackage";
import type { ChairSigned } from "../../bindings/ChairSigned";
import type { ExplanationDto } from "../../bindings/ExplanationDto";
import type { UnconfirmedCertificate } from "../../bindings/UnconfirmedCertificate";

export const chairApi = {
  batches: () => call<string[]>("chair_batches"),
  importPaths: (batchId: string, paths: string[]) => call<ChairImportReport>("chair_import", { batchId, paths }),
  importDialog: (batchId: string, folder: boolean) =>
    call<ChairImportReport | null>("chair_import_dialog", { batchId, folder }),
  /** Pins the certificates the chair compared with the experts; returns the expert ids pinned. */
  confirmCertificates: (batchId: string, confirmed: UnconfirmedCertificate[]) =>
    call<string[]>("chair_confirm_certificates", { batchId, confirmed }),
  overview: (batchId: string) => call<ChairOverview>("chair_overview", { batchId }),
  package: (batchId: string, packageId: string) => call<ChairPackage>("chair_package", { batchId, packageId }),
  /** A site-visit photo's JPEG, out of the signed review that carries it. */
  photo: (batchId: string, packageId: string, sha256: string) =>
    call<ArrayBuffer>("chair_photo", { batchId, packageId, sha256 }),
  explain: (batchId: string, packageId: string, target: string) =>
    call<ExplanationDto>("chair_explain", { batchId, packageId, target }),
  saveDraft: (batchId: string, packageId: string, opinion: string | null, flagReasons: Record<string, string>) =>
    call<ChairPackage>("chair_save_draft", { batchId, packageId, opinion, flagReasons }),
  sign: (batchId: string, packageId: string, passphrase: string) =>
    call<ChairSigned>("chair_sign", { batchId, packageId, passphrase }),
  exportRanking: (batchId: string, passphrase: string) => call<ChairExport>("chair_export", { batchId, passphrase }),
};

// Typed calls to the organiser's Rust commands (src-tauri/src/commands/organizer.rs).
// Input paths are the page's (typed, or picked with the open dialog); every
// output file is chosen by Rust with the save dialog, never named by the
// page: a null answer means that dialog was cancelled and nothing was written.
import { call } from "../../api";
import type { BuiltPackageDto } from "../../bindings/BuiltPackageDto";
import type { FormWritten } from "../../bindings/FormWritten";
import type { IdentityStatus } from "../../bindings/IdentityStatus";
import type { IssuedDto } from "../../bindings/IssuedDto";
import type { IssueRequest } from "../../bindings/IssueRequest";
import type { Kind } from "../../bindings/Kind";
import type { RosterLineDto } from "../../bindings/RosterLineDto";

export type Role = "chair" | "deputy" | "member";

export const organizerApi = {
  /** Makes this data folder the bureau's: certificate CN = name, serialNumber = organizerId. */
  create: (organizerId: string, name: string, passphrase: string, confirm: string) =>
    call<IdentityStatus>("organizer_create", { organizerId, name, passphrase, confirm }),
  /** From an Excel form (.xlsx) or manifest.json and the documents folder; null: save cancelled. */
  buildPackage: (source: string, docs: string) =>
    call<BuiltPackageDto | null>("organizer_build_package", { source, docs }),
  /** A package ZIP built earlier, checked. */
  addPackage: (path: string) => call<BuiltPackageDto>("organizer_add_package", { path }),
  /** The empty form of a kind; null: save cancelled. */
  writeTemplate: (kind: Kind) => call<FormWritten | null>("organizer_write_form", { kind, package: null }),
  /** The form of an existing package; null: save cancelled. */
  exportForm: (pkg: string) => call<FormWritten | null>("organizer_write_form", { kind: null, package: pkg }),
  /** A roster line: the expert's id and name come from the certificate. */
  enrol: (certificate: string, role: Role, title: string, affiliation: string) =>
    call<RosterLineDto>("organizer_enrol", { certificate, role, title, affiliation }),
  /** 签发: signs the batch; null when the save dialog was cancelled (nothing signed). */
  issue: (request: IssueRequest, passphrase: string) =>
    call<IssuedDto | null>("organizer_issue", { request, passphrase }),
};

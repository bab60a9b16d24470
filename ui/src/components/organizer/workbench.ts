// The organiser's work in progress (组织方工作台): the packages built or
// added, the roster lines enrolled and the batch's fields. Kept in
// localStorage under one key so that a restart does not lose it; never a
// passphrase, only paths and fields. It belongs to one organiser
// certificate: another data folder (or a new certificate) starts afresh.
import { inject, reactive, watch, type InjectionKey } from "vue";
import type { BuiltPackageDto } from "../../bindings/BuiltPackageDto";
import type { Kind } from "../../bindings/Kind";
import type { RosterLineDto } from "../../bindings/RosterLineDto";

export const STORAGE_KEY = "paneldesk.organizer";

/** The bundled rubrics, or a rubric JSON file named in `rubricFile`. */
export type RubricChoice = "establishment" | "evaluation" | "file";

export type IssueFields = {
  id: string;
  title: string;
  kind: Kind;
  /** The deadline's day, "YYYY-MM-DD" (DateField). */
  date: string;
  /** Its time of day, "HH:MM", 24-hour (DateField). */
  time: string;
  /** A number once typed; "" while the field is empty. */
  revision: number | "";
  rubric: RubricChoice;
  rubricFile: string;
};

export type Workbench = {
  packages: BuiltPackageDto[];
  roster: RosterLineDto[];
  issue: IssueFields;
};

/** The rubric that goes with a kind: establishment, or the evaluations'. */
export const rubricOf = (kind: Kind): RubricChoice => (kind === "establishment" ? "establishment" : "evaluation");

export function emptyWorkbench(): Workbench {
  return {
    packages: [],
    roster: [],
    issue: {
      id: "",
      title: "",
      kind: "establishment",
      date: "",
      time: "17:00",
      revision: 1,
      rubric: "establishment",
      rubricFile: "",
    },
  };
}

/** What was stored for `owner` (the organiser certificate), else an empty workbench. */
export function loadWorkbench(owner: string): Workbench {
  const fresh = emptyWorkbench();
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return fresh;
    const stored = JSON.parse(raw) as { owner?: string } & Partial<Workbench>;
    if (stored.owner !== owner) return fresh;
    return {
      packages: Array.isArray(stored.packages) ? stored.packages : [],
      roster: Array.isArray(stored.roster) ? stored.roster : [],
      issue: { ...fresh.issue, ...(stored.issue ?? {}) },
    };
  } catch {
    return fresh;
  }
}

export function saveWorkbench(owner: string, w: Workbench): void {
  try {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ owner, packages: w.packages, roster: w.roster, issue: w.issue }),
    );
  } catch {
    // No storage: the work lasts for this session only.
  }
}

export const WORKBENCH: InjectionKey<Workbench> = Symbol("workbench");

/** The workbench of `owner`, saved on every change while the caller is mounted. */
export function createWorkbench(owner: string): Workbench {
  const w = reactive(loadWorkbench(owner)) as Workbench;
  watch(w, () => saveWorkbench(owner, w), { deep: true });
  return w;
}

/** The workbench OrganizerView provides to its tabs. */
export function useWorkbench(): Workbench {
  const w = inject(WORKBENCH);
  if (!w) throw new Error("the organiser's tabs are used inside OrganizerView");
  return w;
}

/** Adds a package at the end, or in place of the one with the same id; true when it replaced one. */
export function putPackage(list: BuiltPackageDto[], p: BuiltPackageDto): boolean {
  const i = list.findIndex((q) => q.id === p.id);
  if (i < 0) list.push(p);
  else list.splice(i, 1, p);
  return i >= 0;
}

/** Adds a roster line, or replaces the one of the same expert; true when it replaced one. */
export function putLine(list: RosterLineDto[], l: RosterLineDto): boolean {
  const i = list.findIndex((m) => m.expert_id === l.expert_id);
  if (i < 0) list.push(l);
  else list.splice(i, 1, l);
  return i >= 0;
}

/** Moves item `i` one place up (-1) or down (+1); nothing beyond either end. */
export function move<T>(list: T[], i: number, by: -1 | 1): void {
  const j = i + by;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return;
  const [item] = list.splice(i, 1);
  list.splice(j, 0, item);
}

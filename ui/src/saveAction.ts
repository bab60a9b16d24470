// The state of a button that asks Rust to write a file through the save
// dialog: busy while it runs, what was written, a cancelled dialog (null),
// or the ApiError to show.
import { ref, type Ref } from "vue";
import { asApiError } from "./api";
import type { ApiError } from "./bindings/ApiError";

export function useSaveAction<T>() {
  const busy = ref(false);
  const done = ref(null) as Ref<T | null>;
  const cancelled = ref(false);
  const error = ref<ApiError | null>(null);

  /** Runs `save`; `after` runs whatever happened (e.g. to clear a passphrase). */
  async function run(save: () => Promise<T | null>, after?: () => void) {
    busy.value = true;
    error.value = null;
    done.value = null;
    cancelled.value = false;
    try {
      done.value = await save();
      cancelled.value = done.value === null;
    } catch (e) {
      error.value = asApiError(e);
    } finally {
      after?.();
      busy.value = false;
    }
  }

  return { busy, done, cancelled, error, run };
}

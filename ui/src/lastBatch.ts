// The batch last opened, kept app-wide (like the language) so that a restart
// shows its package list again instead of an empty screen.
const KEY = "paneldesk.lastBatch";

export function rememberBatch(id: string): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // No storage: the next start shows the batch list, as on a first start.
  }
}

export function lastBatch(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

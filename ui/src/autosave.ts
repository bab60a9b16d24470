// Saves a form shortly after the last change, one save at a time: a change
// made while a save is running is saved right after it, never lost or
// written out of order.

// Every autosaver with unsaved changes, so that closing the window can
// save them all first (flushAll).
const live = new Set<{ flush(): Promise<void> }>();

export async function flushAll(): Promise<void> {
  await Promise.allSettled([...live].map((a) => a.flush()));
}

export class Autosaver<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private pending: T | null = null;

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly delayMs = 600,
  ) {}

  /** Call on every change. */
  changed(value: T): void {
    this.pending = value;
    live.add(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves what is pending now (e.g. before leaving the page). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    const value = this.pending;
    if (value === null) {
      live.delete(this);
      return;
    }
    this.pending = null;
    this.running = this.save(value)
      .catch((e: unknown) => {
        // Keep the unsaved value so the next change or flush retries it.
        if (this.pending === null) this.pending = value;
        throw e;
      })
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  /** A change not yet handed to `save` (typed during a save, or waiting). */
  get hasPending(): boolean {
    return this.pending !== null || this.timer !== null;
  }

  get idle(): boolean {
    return this.timer === null && this.running === null && this.pending === null;
  }
}

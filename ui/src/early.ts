// Answers asked for before the page's script was even evaluated (boot.ts):
// the start's reads go to the app at once, side by side, and the first
// call() of each command takes its answer instead of asking again.
import { invoke } from "@tauri-apps/api/core";

const early = new Map<string, Promise<unknown>>();

/** Sends `commands` (no arguments) now; their errors wait for the caller. */
export function askEarly(commands: string[]): void {
  for (const cmd of commands) {
    const answer = invoke(cmd);
    answer.catch(() => {});
    early.set(cmd, answer);
  }
}

/** The early answer to `cmd`, once; undefined when there is none (left). */
export function takeEarly<T>(cmd: string): Promise<T> | undefined {
  const answer = early.get(cmd) as Promise<T> | undefined;
  early.delete(cmd);
  return answer;
}

/** Forgets early answers nobody took (all, or `commands`): an answer read
 *  at start must not stand in for one asked after something changed. */
export function dropEarly(commands?: string[]): void {
  for (const cmd of commands ?? [...early.keys()]) early.delete(cmd);
}

// The one event emitter for vscode-free code (sessions, streams): typed, synchronous, and
// safe against listeners that unsubscribe while being called. Pure.

export type Listener<T> = (value: T) => void;

export interface Subscription {
  dispose(): void;
}

export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  /** Subscribes; dispose() the result to unsubscribe. */
  on(listener: Listener<T>): Subscription {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== listener); } };
  }

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }

  clear(): void {
    this.listeners = [];
  }
}

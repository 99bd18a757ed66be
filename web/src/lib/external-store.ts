/** The subscribe/snapshot pair `useSyncExternalStore` needs, for stores that live outside React. */
export class ExternalStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private snapshot: T) {}

  getSnapshot = (): T => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected set(next: T): void {
    if (next === this.snapshot) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

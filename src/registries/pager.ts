// Paging for the Registries view, pure: shows a listing `pageSize` at a time ("Load more…"),
// fetching the registry's pages only as far as what is shown needs. Registries that page
// (Link headers) are read lazily; those that answer everything at once are shown in slices.
import type { Page } from '../engine/registry';

export class Pager {
  private readonly fetched: string[] = [];
  private next: string | undefined;
  private started = false;
  private shownCount = 0;
  private pending: Promise<void> | undefined;

  constructor(private readonly fetchPage: (next?: string) => Promise<Page<string>>, readonly pageSize = 100) {}

  /** What is shown. */
  get shown(): string[] {
    return this.fetched.slice(0, this.shownCount);
  }

  /** Items known so far (at least the shown ones). */
  get known(): number {
    return this.fetched.length;
  }

  /** Whether "Load more…" has anything to bring. */
  get hasMore(): boolean {
    return this.shownCount < this.fetched.length || !!this.next || !this.started;
  }

  /** Whether the registry may still have pages we have not fetched. */
  get complete(): boolean {
    return this.started && !this.next;
  }

  /** Shows the first page (once). */
  first(): Promise<string[]> {
    return this.started ? Promise.resolve(this.shown) : this.more();
  }

  /** Shows `pageSize` more, fetching registry pages until there are enough or none are left. */
  more(): Promise<string[]> {
    const run = async () => {
      const want = this.shownCount + this.pageSize;
      while (this.fetched.length < want && (!this.started || this.next)) {
        const p = await this.fetchPage(this.next);
        this.started = true;
        this.fetched.push(...p.items);
        // A registry repeating its last link would loop forever: stop on no progress.
        this.next = p.next && p.items.length ? p.next : undefined;
      }
      this.shownCount = Math.min(want, this.fetched.length);
    };
    this.pending = (this.pending ?? Promise.resolve()).then(run, run);
    return this.pending.then(() => this.shown);
  }
}

// Paging for the Registries view, pure: shows a listing `pageSize` at a time ("Load more…"),
// fetching the registry's pages only as far as what is shown needs. Registries that page
// (Link headers) are read lazily; those that answer everything at once are shown in slices.
// A listing ends on an empty or repeated page (PageWalk), and a Load more can be cancelled.
import { PageWalk } from '../engine/registry';
import type { Page } from '../engine/registry';

export class Pager {
  private readonly fetched: string[] = [];
  private next: string | undefined;
  private started = false;
  private shownCount = 0;
  private pending: Promise<void> | undefined;
  private readonly walk = new PageWalk<string>();

  constructor(private readonly fetchPage: (next: string | undefined, signal?: AbortSignal) => Promise<Page<string>>, readonly pageSize = 100) {}

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
  first(signal?: AbortSignal): Promise<string[]> {
    return this.started ? Promise.resolve(this.shown) : this.more(signal);
  }

  /**
   * Shows `pageSize` more, fetching registry pages until there are enough or none are left.
   * A cancel (signal) stops between and during pages; what was fetched before it stays.
   */
  more(signal?: AbortSignal): Promise<string[]> {
    const run = async () => {
      const want = this.shownCount + this.pageSize;
      try {
        while (this.fetched.length < want && (!this.started || this.next)) {
          signal?.throwIfAborted();
          const p = await this.fetchPage(this.next, signal);
          this.started = true;
          this.next = this.walk.take(p, this.fetched);
        }
      } finally {
        this.shownCount = Math.min(want, this.fetched.length);
      }
    };
    this.pending = (this.pending ?? Promise.resolve()).then(run, run);
    return this.pending.then(() => this.shown);
  }
}

// Bounds on what a registry can make a listing do (pure): a listing ends on an empty page, on a
// next link it has followed before, and on a page that repeats the one before it, so a registry
// that answers the same page forever costs two requests, not thousands. Items are appended one
// by one (never push(...items): 200k arguments overflow the stack).

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  /** The URL of the next page, when the registry has more. */
  next?: string;
}

export class PageWalk<T> {
  private readonly followed = new Set<string>();
  private previous: readonly T[] | undefined;

  /** Appends the page's new items to `out`; returns the next page to fetch, or undefined when the listing ends. */
  take(page: Page<T>, out: T[]): string | undefined {
    const items = page.items;
    const repeated = !!this.previous && this.previous.length === items.length && items.every((x, i) => x === this.previous![i]);
    if (!repeated) for (const x of items) out.push(x);
    this.previous = items;
    if (repeated || !items.length || !page.next || this.followed.has(page.next)) return undefined;
    this.followed.add(page.next);
    return page.next;
  }
}

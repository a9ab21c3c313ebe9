import { strict as assert } from 'node:assert';
import { REVEAL_REFRESH_AT_MS, waitForItem } from '../../../src/explorer/revealWait';

/** A view whose every refresh is followed by a load (as a visible tree view does), after `loadMs`. */
class FakeView<T> {
  refreshes = 0;
  loads = 0;
  items: T[] = [];
  private listeners = new Set<() => void>();
  constructor(private readonly loadMs = 1) {}
  find = (): T | undefined => this.items[0];
  onLoad = (l: () => void) => { this.listeners.add(l); return { dispose: () => this.listeners.delete(l) }; };
  refresh = () => { this.refreshes++; setTimeout(() => this.load(), this.loadMs); };
  load(): void { this.loads++; for (const l of [...this.listeners]) l(); }
}

describe('explorer/revealWait', () => {
  it('an item that never appears costs a bounded number of reloads, not a busy loop', async function () {
    this.timeout(10000);
    const view = new FakeView<string>(0);
    const t0 = Date.now();
    const found = await waitForItem(view, { timeoutMs: 1600 });
    assert.equal(found, undefined);
    assert.ok(Date.now() - t0 >= 1500, 'waited until the deadline');
    // The old loop reloaded on every load: with a 0 ms load that is thousands in 1.6 s.
    assert.ok(view.refreshes <= REVEAL_REFRESH_AT_MS.length, `${view.refreshes} reloads`);
    assert.equal(view.refreshes, REVEAL_REFRESH_AT_MS.filter((t) => t < 1600).length);
    assert.equal(view.loads, view.refreshes);
  });

  it('finds an item at once without reloading', async () => {
    const view = new FakeView<string>();
    view.items = ['x'];
    assert.equal(await waitForItem(view, { timeoutMs: 1000 }), 'x');
    assert.equal(view.refreshes, 0);
  });

  it('an item brought by an event-driven load is revealed on that load', async () => {
    const view = new FakeView<string>();
    setTimeout(() => { view.items = ['built']; view.load(); }, 200);
    const t0 = Date.now();
    assert.equal(await waitForItem(view, { timeoutMs: 5000 }), 'built');
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(view.refreshes, 1, 'only the first reload was asked for');
  });

  it('an item that shows up on a later reload is found, and no timer is left behind', async () => {
    const view = new FakeView<string>();
    const origRefresh = view.refresh;
    view.refresh = () => { if (view.refreshes === 1) view.items = ['late']; origRefresh(); };
    assert.equal(await waitForItem(view, { timeoutMs: 3000, refreshAtMs: [0, 100, 200] }), 'late');
    assert.equal(view.refreshes, 2);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(view.refreshes, 2, 'no reload after the item was found');
  });
});

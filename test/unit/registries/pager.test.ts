import * as assert from 'node:assert/strict';
import type { Page } from '../../../src/engine/registry';
import { Pager } from '../../../src/registries/pager';

/** A registry listing of `total` names served `per` at a time with next links (or all at once). */
function source(total: number, per: number) {
  const names = Array.from({ length: total }, (_, i) => `n${i}`);
  const calls: (string | undefined)[] = [];
  const fetch = async (next?: string): Promise<Page<string>> => {
    calls.push(next);
    const from = next ? Number(next) : 0;
    const items = names.slice(from, from + per);
    return { items, next: from + per < total ? String(from + per) : undefined };
  };
  return { fetch, calls };
}

describe('registries: Pager ("Load more…")', () => {
  it('fetches only the registry pages the shown slice needs', async () => {
    const s = source(1000, 50);
    const p = new Pager(s.fetch, 100);
    assert.equal(p.hasMore, true);
    assert.equal((await p.first()).length, 100);
    assert.deepEqual(s.calls, [undefined, '50']);
    assert.equal((await p.first()).length, 100, 'first() twice does not fetch again');
    assert.equal(s.calls.length, 2);
    assert.equal((await p.more()).length, 200);
    assert.equal(s.calls.length, 4);
    assert.equal(p.hasMore, true);
    assert.equal(p.complete, false);
  });

  it('slices a registry that answers everything at once, and ends', async () => {
    const s = source(250, 1000);
    const p = new Pager(s.fetch, 100);
    assert.equal((await p.first()).length, 100);
    assert.equal(p.known, 250);
    assert.equal((await p.more()).length, 200);
    assert.equal((await p.more()).length, 250);
    assert.equal(p.hasMore, false);
    assert.equal(p.complete, true);
    assert.equal(s.calls.length, 1);
    assert.deepEqual(p.shown.slice(248), ['n248', 'n249']);
  });

  it('an empty listing has no more; concurrent clicks do not fetch a page twice', async () => {
    const empty = new Pager(source(0, 10).fetch);
    assert.deepEqual(await empty.first(), []);
    assert.equal(empty.hasMore, false);
    const s = source(300, 100);
    const p = new Pager(s.fetch, 100);
    await Promise.all([p.more(), p.more()]);
    assert.equal(p.shown.length, 200);
    assert.deepEqual(s.calls, [undefined, '100']);
  });

  it('a failed page leaves what was shown and can be retried', async () => {
    let fail = false;
    const s = source(300, 100);
    const p = new Pager(async (n) => { if (fail) throw new Error('gone'); return s.fetch(n); }, 100);
    await p.first();
    fail = true;
    await assert.rejects(p.more(), /gone/);
    assert.equal(p.shown.length, 100);
    fail = false;
    assert.equal((await p.more()).length, 200);
  });
});

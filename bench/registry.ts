// Registry benchmark on a real docker-registry in token mode (the test's own token issuer):
//  - registry-tags-1000: a repository with 1000 tags listed through Dockyard's client (challenge
//    flow, token cache, Link paging) into the Registries view's items (label, id, context value),
//    vs the raw HTTP GET of /v2/<name>/tags/list with a ready token. "warm" is the view's steady
//    state (one client per registry, token cached); "cold" is a new client each time
//    (401 → token → list).
import { RegistryClient } from '../src/engine/registry/client';
import { Pager } from '../src/registries/pager';
import { HandPusher, startRegistry } from '../test/support/registries';
import { BenchEntry, timeInterleaved } from './stats';

const COUNT = 1000;

export async function runRegistryBench(): Promise<BenchEntry[]> {
  const reg = await startRegistry({ auth: 'token', users: { bench: 'bench-pass' } });
  try {
    const push = new HandPusher(reg);
    const repo = 'bench/many-tags';
    const img = await push.image(repo, ['t0000']);
    await push.tags(repo, img, Array.from({ length: COUNT - 1 }, (_, i) => `t${String(i + 1).padStart(4, '0')}`), 16);
    const credentials = async () => ({ username: 'bench', password: 'bench-pass', source: 'bench' });
    const toItems = (host: string, tags: string[]) => tags.map((t) => ({ label: t, id: `registry:${host}/${repo}:${t}`, contextValue: 'registryTag' }));
    const listInto = async (client: RegistryClient) => {
      const pager = new Pager((next) => client.tagsPage(repo, COUNT, next), COUNT);
      const items = toItems(client.host, await pager.first());
      if (items.length !== COUNT) throw new Error(`listed ${items.length} tags, expected ${COUNT}`);
      return items;
    };
    const warm = new RegistryClient(reg.host, { credentials });
    const token = reg.seedAuth(repo)!;
    const raw = async () => {
      const r = await fetch(`${reg.base}/v2/${repo}/tags/list?n=${COUNT}`, { headers: { Authorization: token, Accept: 'application/json' } });
      const j = (await r.json()) as { tags: string[] };
      if (j.tags.length !== COUNT) throw new Error(`raw listed ${j.tags.length}`);
      return j.tags;
    };
    // Warm and raw interleaved on their own; the cold runs (which also make the in-process token
    // issuer sign a JWT) are timed apart so their garbage does not land on the other two.
    const [warmMs, rawMs] = await timeInterleaved([() => listInto(warm), raw], 21, 3);
    const [coldMs] = await timeInterleaved([() => listInto(new RegistryClient(reg.host, { credentials }))], 11, 1);
    return [
      { name: 'registry-tags-1000', dockyard_ms: warmMs, baseline: 'raw-http (token ready)', baseline_ms: rawMs },
      { name: 'registry-tags-1000-cold', dockyard_ms: coldMs, baseline: 'raw-http (token ready)', baseline_ms: rawMs },
    ];
  } finally {
    await reg.stop();
  }
}

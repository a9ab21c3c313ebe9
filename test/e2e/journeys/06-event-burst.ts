// Journey 6: a burst of engine events (containers created, started, stopped and removed from
// outside, with volumes, networks and tags changing at the same time) leaves the open trees
// matching the engine: nothing stale, nothing lost.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'event-burst',
  description: 'After a burst of outside changes the Containers view lists exactly what the engine has',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const keeper = await t.docker.container(t.unique('keeper'));
    const idle = await t.docker.container(t.unique('idle'), { start: false });
    await section.waitForRow(keeper.name);
    await section.waitForRow(idle.name);

    // The burst: short-lived containers and other objects, all at once.
    const burst = await Promise.all([1, 2, 3, 4].map((i) => t.docker.container(t.unique(`burst${i}`))));
    await Promise.all([
      // Half are stopped then removed, half removed while running (kill, die, destroy).
      ...burst.map(async (c, i) => {
        if (i % 2) await t.docker.stop(c.id);
        await t.docker.docker.getContainer(c.id).remove({ force: true });
      }),
      t.docker.volume(t.unique('burst-vol')),
      t.docker.network(t.unique('burst-net')),
      t.docker.tag(t.unique('burst-img'), 'v1'),
    ]);

    const expected = [keeper.name, idle.name].sort();
    const labels = await waitUntil(async () => {
      const shown = (await section.labels()).filter((l) => l.startsWith('dockyard-e2e-')).sort();
      return JSON.stringify(shown) === JSON.stringify(expected) ? shown : undefined;
    }, `the Containers view to list exactly ${expected.join(', ')}`, { timeoutMs: 10_000 }).catch(async (e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; it shows [${(await section.labels()).join(', ')}]`);
    });
    t.log(`settled on ${labels.join(', ')}`);
    await section.waitForRowInfo(keeper.name, (i) => /running/i.test(i.ariaLabel), 'keeper still running');
    await section.waitForRowInfo(idle.name, (i) => /created/i.test(i.ariaLabel), 'idle still created');
    await t.screenshot('settled');
  },
};
export default journey;

// Journey 3: right-click a running container -> Stop -> the tree shows it stopped;
// right-click -> Remove… -> confirm -> it is gone (from the tree and the engine).
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'stop-remove',
  description: 'Context menu Stop, then Remove with confirmation',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const c = await t.docker.container(t.unique('victim'));
    await section.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');

    await section.contextMenu(c.name, 'Stop');
    await section.waitForRowInfo(c.name, (i) => /exited/i.test(i.ariaLabel), 'exited after Stop', { timeoutMs: 20_000 });
    const state = await t.docker.containerState(c.id);
    if (state !== 'exited') throw new Error(`engine says the container is ${state} after Stop`);
    await t.screenshot('stopped');

    await section.contextMenu(c.name, 'Remove…');
    await t.wb.waitForDialog(/remove/i);
    await t.screenshot('confirm');
    await t.wb.confirm('Remove');
    await section.waitForNoRow(c.name, { timeoutMs: 10_000 });
    const after = await t.docker.containerState(c.id);
    if (after !== undefined) throw new Error(`the container still exists on the engine (${after})`);
    await t.screenshot('removed');
  },
};
export default journey;

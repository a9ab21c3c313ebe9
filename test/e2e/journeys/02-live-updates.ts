// Journey 2: a container started from outside (through the engine) appears in the open tree
// without a click; stopping it from outside changes its state and icon in the tree.
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'live-updates',
  description: 'Containers started and stopped outside VS Code show up and change state without a click',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const name = t.unique('live');
    // Nothing is clicked from here on: only engine events can bring these changes.
    const c = await t.docker.container(name);
    const running = await section.waitForRowInfo(name, (i) => /running/i.test(i.ariaLabel), 'running', { timeoutMs: 10_000 });
    t.log(`running: icon ${running.icon}, "${running.description}"`);
    await t.screenshot('started');
    await t.docker.stop(c.id);
    const stopped = await section.waitForRowInfo(name, (i) => /exited/i.test(i.ariaLabel), 'exited', { timeoutMs: 10_000 });
    t.log(`stopped: icon ${stopped.icon}, "${stopped.description}"`);
    if (stopped.icon === running.icon) throw new Error(`the icon did not change when the container stopped (still ${stopped.icon})`);
    await t.screenshot('stopped');
  },
};
export default journey;

// Journey 5: the engine stops while the view is open -> the welcome view says so; the engine
// starts again -> the trees come back without user action. Uses the e2e tier's own engine.
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'engine-restart',
  description: 'Engine stopped -> welcome view; engine back -> trees back, no clicks',
  timeoutMs: 120_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const c = await t.docker.container(t.unique('survivor'), { start: false });
    await section.waitForRow(c.name);

    await t.engine.stop();
    const text = await section.waitForWelcome(/cannot reach/i, { timeoutMs: 20_000 });
    t.log(`welcome: ${text.replace(/\s+/g, ' ')}`);
    await t.screenshot('unreachable');

    const t0 = Date.now();
    await t.engine.start();
    const answered = Date.now();
    await section.waitForRow(c.name, { timeoutMs: 30_000 });
    t.log(`trees back ${Date.now() - answered} ms after the engine answered (engine start took ${answered - t0} ms)`);
    if ((await section.welcomeText()) !== '') throw new Error('the welcome view is still shown next to the tree');
    await t.screenshot('reconnected');
  },
};
export default journey;

// Journey 5: the engine stops while the view is open -> the welcome view says so and offers
// Retry; the engine starts again -> the trees come back without user action. Uses the e2e
// tier's own engine (never the one other tests share).
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

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
    // The reason may show as the welcome content or as the view's message above it.
    const said = await waitUntil(async () => {
      const text = `${await section.messageText()} ${await section.welcomeText()}`.trim();
      return /cannot reach|not running/i.test(text) ? text : undefined;
    }, 'the Containers view to say the engine is unreachable', { timeoutMs: 20_000 });
    t.log(`says: ${said.replace(/\s+/g, ' ')}`);
    t.log(`message: "${await section.messageText()}"`);
    const buttons = await section.welcomeButtons();
    t.log(`welcome buttons: ${buttons.join(', ') || '(none)'}`);
    await t.screenshot('unreachable');

    const t0 = Date.now();
    await t.engine.start();
    const answered = Date.now();
    const state = await t.docker.containerState(c.id);
    if (!state) throw new Error(`the engine lost container ${c.name} over the restart`);
    await section.waitForRow(c.name, { timeoutMs: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`the engine lists ${c.name} (${state}) but the Containers view shows [${(await section.labels()).join(', ')}] `
        + `30 s after the engine answered; message "${await section.messageText()}", welcome "${await section.welcomeText()}": ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    });
    const backMs = Date.now() - answered;
    t.log(`trees back ${backMs} ms after the engine answered (engine start took ${answered - t0} ms)`);
    if ((await section.welcomeText()) !== '') throw new Error('the welcome view is still shown next to the tree');
    // No view may still say the engine is down once it is back.
    const stale: string[] = [];
    for (const title of ['Containers', 'Images', 'Volumes', 'Networks']) {
      const msg = await waitUntil(async () => ((await t.wb.section(title).messageText()) === '' ? 'cleared' : undefined), `${title} message to clear`, { timeoutMs: 3000 })
        .catch(async () => t.wb.section(title).messageText());
      if (msg !== 'cleared') stale.push(`${title}: "${msg}"`);
    }
    await t.screenshot('reconnected');
    if (stale.length) throw new Error(`after the engine came back, views still show the unreachable message: ${stale.join('; ')}`);

    if (!buttons.includes('Retry')) {
      throw new Error('while the engine was unreachable the welcome view offered no Retry button '
        + '(VS Code hides viewsWelcome whenever TreeView.message is set)');
    }
    if (backMs > 2000) throw new Error(`the trees came back ${backMs} ms after the engine answered (budget 2000 ms)`);
  },
};
export default journey;

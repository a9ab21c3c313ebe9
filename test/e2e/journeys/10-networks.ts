// Journey 10: networks from the Networks view. Create Network… in the view's title bar asks for
// a name (a built-in name is refused in the prompt) and a driver; the network shows up with that
// driver. Remove… asks, then it is gone. The built-in networks (host, none) offer no Remove….
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'networks',
  description: 'Create Network… (name, driver) shows it with its driver, Remove… removes it, built-in networks have no Remove…',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const networks = t.wb.section('Networks');
    await networks.expand();
    await networks.waitForRow('host');

    // The built-in networks cannot be removed: their menu does not offer it.
    for (const builtIn of ['host', 'none']) {
      const items = await networks.contextMenuItems(builtIn);
      t.log(`${builtIn} menu: ${items.join(', ')}`);
      if (items.some((i) => /^Remove/.test(i))) throw new Error(`the built-in network ${builtIn} offers ${items.join(', ')}`);
      if (!items.includes('Inspect')) throw new Error(`the built-in network ${builtIn} offers no Inspect: ${items.join(', ')}`);
    }

    const name = t.unique('net');
    try {
      await networks.titleAction('Create Network…');
      const input = t.page.locator('.quick-input-widget .quick-input-box input');
      const message = t.page.locator('.quick-input-widget .quick-input-message');
      await input.waitFor();
      await input.fill('host');
      const m = await waitUntil(async () => {
        const text = (await message.innerText().catch(() => '')).trim();
        return /built-in/.test(text) ? text : undefined;
      }, 'the validation message for the name "host"');
      t.log(`create "host": ${m}`);
      await t.wb.answerInput(name);
      await t.page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
      await t.screenshot('driver-pick');
      await t.wb.answerInput('bridge'); // the first row matching "bridge": plain bridge
      const info = await networks.waitForRowInfo(name, (i) => /^bridge · local/.test(i.description), 'its driver, bridge');
      t.log(`created: ${info.description}`);
      const engineView = await t.docker.docker.getNetwork(name).inspect();
      if (engineView.Driver !== 'bridge' || engineView.Internal) throw new Error(`the engine has driver ${engineView.Driver}, internal ${engineView.Internal}`);
      await t.screenshot('created');

      await networks.contextMenu(name, 'Remove…');
      const dialog = await t.wb.waitForDialog(new RegExp(`Remove network ${name}\\?`));
      t.log(`remove asks: ${dialog.replace(/\n/g, ' | ')}`);
      await t.screenshot('remove-confirm');
      await t.wb.confirm('Remove');
      await networks.waitForNoRow(name);
      const gone = await t.docker.docker.getNetwork(name).inspect().then(() => false, () => true);
      if (!gone) throw new Error(`network ${name} is still on the engine`);
      await t.screenshot('removed');
    } finally {
      // Made through the UI, so not labelled: remove it here if the journey stopped half-way.
      await t.docker.docker.getNetwork(name).remove().catch(() => undefined);
    }
  },
};
export default journey;

// Journey 9: volumes from the Volumes view. Create Volume… in the view's title bar refuses a bad
// name in the prompt (with the reason), then creates a valid one, which shows up. A volume a
// container mounts says "in use by <container>"; Remove… on it is refused, naming the container,
// and nothing is removed. Remove… on the unused one asks, then it is gone.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'volumes',
  description: 'Create Volume… (a bad name refused in the prompt), in-use description, Remove… refused for a volume in use, Remove… of an unused one',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const volumes = t.wb.section('Volumes');
    await volumes.expand();

    // Create Volume…: a one-letter name and a name with a space are refused, with the reason.
    const created = t.unique('data');
    try {
      await volumes.titleAction('Create Volume…');
      const input = t.page.locator('.quick-input-widget .quick-input-box input');
      const message = t.page.locator('.quick-input-widget .quick-input-message');
      await input.waitFor();
      for (const [bad, reason] of [['a', /at least two characters/i], ['my vol', /space/i]] as const) {
        await input.fill(bad);
        const m = await waitUntil(async () => {
          const text = (await message.innerText().catch(() => '')).trim();
          return reason.test(text) ? text : undefined;
        }, `the validation message for "${bad}"`);
        t.log(`create "${bad}": ${m}`);
      }
      await t.screenshot('create-invalid');
      await input.press('Enter'); // refused: the prompt stays open
      if (!(await input.isVisible())) throw new Error('Enter on an invalid volume name closed the prompt');
      await input.fill(created);
      // Valid: the message goes back to the prompt.
      await waitUntil(async () => /^Volume name/.test((await message.innerText().catch(() => '')).trim()) || undefined, 'the validation message to clear');
      await input.press('Enter');
      await volumes.waitForRowInfo(created, (i) => /unused/.test(i.description), 'its description says unused');
      await t.docker.docker.getVolume(created).inspect();

      // A volume a container uses says so, and Remove… refuses it, naming the container.
      const used = await t.docker.volume(t.unique('used'));
      const c = await t.docker.container(t.unique('mounts'), { binds: [`${used}:/data`] });
      const info = await volumes.waitForRowInfo(used, (i) => i.description.includes(`in use by ${c.name}`), `description "in use by ${c.name}"`);
      t.log(`in-use volume: ${info.description}`);
      await t.screenshot('in-use');
      await volumes.contextMenu(used, 'Remove…');
      const refusal = await t.wb.waitForNotification(new RegExp(`Volume ${used} is in use by ${c.name}`));
      t.log(`remove in-use: ${refusal}`);
      if (await t.wb.dialogText()) throw new Error(`a confirmation was asked for a volume in use: ${await t.wb.dialogText()}`);
      await t.page.locator('.notification-toast.notification-fade-in-done').first().waitFor(); // readable, not mid fade-in
      await t.screenshot('remove-refused');
      await t.docker.docker.getVolume(used).inspect(); // still there
      if (!(await volumes.row(used).isVisible())) throw new Error('the in-use volume left the view');
      await t.wb.clearNotifications();

      // Remove… on the unused one: asks, then it is gone from the view and the engine.
      await volumes.contextMenu(created, 'Remove…');
      const dialog = await t.wb.waitForDialog(new RegExp(`Remove volume ${created}\\?`));
      t.log(`remove asks: ${dialog.replace(/\n/g, ' | ')}`);
      await t.screenshot('remove-confirm');
      await t.wb.confirm('Remove');
      await volumes.waitForNoRow(created);
      const gone = await t.docker.docker.getVolume(created).inspect().then(() => false, () => true);
      if (!gone) throw new Error(`volume ${created} is still on the engine`);
      await t.screenshot('removed');
    } finally {
      // Made through the UI, so not labelled: remove it here if the journey stopped half-way.
      await t.docker.docker.getVolume(created).remove().catch(() => undefined);
    }
  },
};
export default journey;

// Journey 7: daily edits of a container from the tree. Rename… with a space in the name shows
// the reason in the prompt and changes nothing; a valid name renames it. Commit to Image…
// (repository:tag, author, message, pause) reveals the new image in the Images view. Once
// stopped, Prune Stopped Containers… from the view's "…" menu asks, then removes it.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'rename-commit-prune',
  description: 'Rename (a bad name refused in the prompt), Commit to Image… revealed in Images, Prune Stopped Containers…',
  timeoutMs: 90_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const containers = t.wb.section('Containers');
    await containers.expand();
    const c = await t.docker.container(t.unique('edit'));
    await containers.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');

    // Rename: a name with a space is refused in the prompt, with the reason.
    await containers.contextMenu(c.name, 'Rename…');
    const input = t.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('my web');
    const message = t.page.locator('.quick-input-widget .quick-input-message');
    const reason = await waitUntil(async () => {
      const m = (await message.innerText().catch(() => '')).trim();
      return /space/i.test(m) ? m : undefined;
    }, 'the validation message for a name with a space');
    t.log(`rename "my web": ${reason}`);
    await t.screenshot('rename-invalid');
    await input.press('Enter'); // refused: the prompt stays open, nothing is renamed
    await t.page.waitForTimeout(300);
    if (!(await input.isVisible())) throw new Error('Enter on an invalid name closed the prompt');
    const renamed = t.unique('renamed');
    await input.fill(renamed);
    await waitUntil(async () => !(await message.innerText().catch(() => '')).trim() || undefined, 'the validation message to clear', { timeoutMs: 5000 }).catch(() => undefined);
    await input.press('Enter');
    await containers.waitForRow(renamed);
    await containers.waitForNoRow(c.name);
    const engineName = (await t.docker.docker.getContainer(c.id).inspect()).Name;
    if (engineName !== `/${renamed}`) throw new Error(`the engine calls it ${engineName}`);

    // Commit: the four prompts, then the new image is revealed in the Images view.
    const repo = `dockyard-e2e/${t.unique('snap')}`;
    try {
      await containers.contextMenu(renamed, 'Commit to Image…');
      const step = async (n: number, answer: string) => {
        await t.page.locator('.quick-input-widget .quick-input-title', { hasText: `(${n}/4)` }).waitFor();
        await t.wb.answerInput(answer);
      };
      await step(1, `${repo}:v1`);
      await step(2, 'E2E Tester <e2e@example.com>');
      await step(3, 'made by the e2e journey');
      await step(4, ''); // pause during commit (the default)
      await t.wb.waitForNotification(new RegExp(`Committed ${renamed} to ${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:v1`), { timeoutMs: 30_000 });
      const images = t.wb.section('Images');
      await images.expand();
      await images.waitForRow(repo, { timeoutMs: 15_000 });
      await images.waitForRow('v1');
      const info = await t.docker.docker.getImage(`${repo}:v1`).inspect();
      if (info.Author !== 'E2E Tester <e2e@example.com>' || info.Comment !== 'made by the e2e journey') throw new Error(`image author/comment: ${info.Author} / ${info.Comment}`);
      await t.screenshot('committed');
      await t.wb.clearNotifications();
    } finally {
      await t.docker.removeTagsWithPrefix(repo).catch(() => undefined);
    }

    // Prune: stop it, then the view's "…" menu → Prune Stopped Containers… → confirm.
    await t.docker.stop(c.id);
    await containers.waitForRowInfo(renamed, (i) => /exited/i.test(i.ariaLabel), 'exited');
    await containers.titleAction('More Actions...');
    await t.wb.clickMenuItem('Prune Stopped Containers…');
    const dialog = await t.wb.waitForDialog(new RegExp(`Remove the stopped container ${renamed}\\?`));
    t.log(`prune asks: ${dialog.replace(/\n/g, ' | ')}`);
    await t.screenshot('prune-confirm');
    await t.wb.confirm('Prune');
    await t.wb.waitForNotification(/Removed 1 container/, { timeoutMs: 15_000 });
    await containers.waitForNoRow(renamed);
    if (await t.docker.containerState(c.id)) throw new Error('the pruned container is still on the engine');
    await t.screenshot('pruned');
    await t.wb.clearNotifications();
  },
};
export default journey;

// Journey 32: an image tagged for the tier's local registry → Push from the Images tree (a
// progress notification, then "Pushed"); the local tag removed from the tree; Pull Image… from
// the view's title bar with that reference → "Pulled" and the tag is back in the tree.
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'push-pull',
  description: 'Push a tag to the local registry, remove it locally, Pull it back from the Images view',
  timeoutMs: 90_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const repo = `${t.registry}/dockyard-e2e/${t.unique('pushme')}`;
    const ref = await t.docker.tag(repo, 'v1');
    const images = t.wb.section('Images');
    await images.expand();
    await images.expandRow(repo);
    await images.waitForRow('v1');

    await images.contextMenu('v1', 'Push');
    await t.wb.waitForNotification(new RegExp(`^Pushed ${escape(ref)}`), { timeoutMs: 30_000 });
    await t.screenshot('pushed');
    await t.wb.clearNotifications();

    await images.contextMenu('v1', 'Remove…');
    await t.wb.waitForDialog(/remove/i);
    await t.screenshot('confirm-remove');
    await t.wb.confirm('Remove');
    await images.waitForNoRow(repo, { timeoutMs: 15_000 });

    await images.titleAction('Pull Image…');
    await t.wb.answerInput(ref);
    await t.wb.waitForNotification(new RegExp(`^Pulled ${escape(ref)}`), { timeoutMs: 30_000 });
    await images.waitForRow(repo, { timeoutMs: 15_000 });
    await images.expandRow(repo);
    await images.waitForRow('v1');
    await t.screenshot('pulled');
    await t.wb.clearNotifications();
  },
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
export default journey;

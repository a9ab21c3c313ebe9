// Journey 34: the Registries view. An image is pushed to the tier's local registry through the
// registry API; Add Registry… (title bar) with its address shows it as a root; expanding it lists
// the repository, expanding that the tag with digest and size; Pull on the tag brings the image
// into the Images view; Inspect Manifest opens its JSON; Delete asks, then the tag is gone;
// Remove Registry takes the root away again. A registry that does not
// answer shows one line saying so.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';
import { HandPusher } from '../../support/registries';

const journey: Journey = {
  name: 'registries',
  description: 'Add the local registry to the Registries view, browse repository → tag (digest, size), Pull the tag into the Images view',
  timeoutMs: 120_000,
  async run(t) {
    const name = `dockyard-e2e/${t.unique('regview')}`;
    const pushed = await new HandPusher({ base: `http://${t.registry}`, seedAuth: () => undefined }).image(name, ['v1'], { content: 'registries journey\n' });
    const ref = `${t.registry}/${name}:v1`;
    try {
      await t.wb.openActivity('Dockyard');
      const registries = t.wb.section('Registries');
      // Room for the registry's repositories (a registry kept between runs lists many).
      for (const o of ['Containers', 'Images', 'Volumes', 'Networks'].map((title) => t.wb.section(title))) {
        if ((await o.header.getAttribute('aria-expanded')) === 'true') await o.header.click();
      }
      await registries.expand();
      await registries.waitForRow('Docker Hub');
      await registries.titleAction('Add Registry…');
      await t.wb.answerInput(t.registry);
      await registries.waitForRow(t.registry);
      await registries.expandRow(t.registry);
      await registries.waitForRow(name, { timeoutMs: 20_000 });
      await registries.expandRow(name);
      await registries.waitForRow('v1');
      const digest12 = pushed.digest.slice(7, 19);
      await registries.waitForRowInfo('v1', (i) => i.description.startsWith(digest12) && /\d+ B|kB/.test(i.description), `tag details (${digest12} · size)`, { timeoutMs: 20_000 });
      await t.screenshot('tag');

      await registries.contextMenu('v1', 'Pull');
      await t.wb.waitForNotification(new RegExp(`^Pulled ${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), { timeoutMs: 30_000 });
      const images = t.wb.section('Images');
      await images.expand();
      await images.waitForRow(`${t.registry}/${name}`, { timeoutMs: 15_000 });
      await t.screenshot('pulled');
      await t.wb.clearNotifications();

      // Inspect Manifest: a read-only JSON document of what the registry holds.
      await registries.contextMenu('v1', 'Inspect Manifest');
      await t.wb.waitForEditor(/manifest\.json/);
      await waitUntil(async () => (await t.wb.activeEditorText()).includes(pushed.configDigest), 'the manifest naming its config digest');
      await t.screenshot('manifest');
      await t.wb.runCommand('View: Close All Editors');

      // Delete asks first, then the tag is gone from the registry.
      await registries.contextMenu('v1', 'Delete Tag/Manifest…');
      await t.wb.waitForDialog(/Delete .*v1/);
      await t.screenshot('confirm-delete');
      await t.wb.confirm('Delete');
      await registries.waitForNoRow('v1', { timeoutMs: 15_000 });
      await registries.waitForRow('No tags');

      await registries.contextMenu(t.registry, 'Remove Registry');
      await registries.waitForNoRow(t.registry);

      // A registry nobody answers at: one line saying so (with Retry), no popup.
      const dead = '127.0.0.1:1';
      await registries.titleAction('Add Registry…');
      await t.wb.answerInput(dead);
      await registries.waitForRow(dead);
      await registries.expandRow(dead);
      await waitUntil(async () => (await registries.labels()).find((l) => /cannot be reached/.test(l)), 'the unreachable line', { timeoutMs: 20_000 });
      await t.screenshot('unreachable');
      await registries.contextMenu(dead, 'Remove Registry');
      await registries.waitForNoRow(dead);
    } finally {
      await t.docker.removeTagsWithPrefix(`${t.registry}/${name}`).catch(() => undefined);
    }
  },
};
export default journey;

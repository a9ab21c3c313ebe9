// Journey 13: several engines at once. A second private dockerd of the journey's own becomes the
// docker context "e2e-second"; Pin Engine on it in the Contexts view shows it beside the active
// engine: each view gets one root per engine, a container made on each engine shows under its
// own root (through that engine's events), Stop on the second's container stops it there and
// not on the first, the second stopped says so on its own root while the first stays live, and
// Unpin Engine brings back the single-engine tree.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TEST_IMAGE, TestDocker } from '../harness/docker';
import type { Frame } from 'playwright-core';
import type { Journey, JourneyContext } from '../harness/journey';
import { waitUntil } from '../harness/workbench';
import { SecondDockerd } from '../../support/secondDockerd';

const CONTEXT = 'e2e-second';

/** The text of a markdown preview (a webview: frames inside frames) matching `match`. */
async function previewText(t: JourneyContext, match: RegExp, what: string): Promise<string> {
  return waitUntil(async () => {
    for (const f of t.page.frames() as Frame[]) {
      const body = f.locator('.markdown-body').first();
      const text = (await body.count().catch(() => 0)) ? await body.innerText().catch(() => '') : '';
      if (match.test(text)) return text;
    }
    return undefined;
  }, what);
}

const journey: Journey = {
  name: 'several-engines',
  description: 'Pin a second engine: one root per engine, live from its own events; actions act on their item\'s engine; unreachable on its own root; unpin',
  timeoutMs: 180_000,
  async run(t) {
    const second = new SecondDockerd();
    const contextDir = path.join(t.dockerConfig, 'contexts', 'meta', createHash('sha256').update(CONTEXT).digest('hex'));
    let docker2: TestDocker | undefined;
    await t.wb.openActivity('Dockyard');
    const contexts = t.wb.section('Contexts');
    const containers = t.wb.section('Containers');
    try {
      await second.start();
      await second.loadImageFrom(t.docker.docker, DEFAULT_TEST_IMAGE);
      docker2 = new TestDocker(second.host);
      fs.mkdirSync(contextDir, { recursive: true });
      fs.writeFileSync(path.join(contextDir, 'meta.json'), JSON.stringify({ Name: CONTEXT, Metadata: { Description: 'the journey\'s second engine' }, Endpoints: { docker: { Host: second.host, SkipTLSVerify: false } } }));

      await contexts.expand();
      await contexts.waitForRow(CONTEXT, { timeoutMs: 20_000 });
      const onFirst = await t.docker.container(t.unique('first'));
      await containers.expand();
      await containers.waitForRow(onFirst.name);
      await contexts.contextMenu(CONTEXT, 'Pin Engine (Show Beside the Active One)');
      await contexts.waitForRowInfo(CONTEXT, (i) => /\(pinned\)/.test(i.description), 'marked pinned');

      // One root per engine, the active one first.
      const root2 = await containers.waitForRowInfo(CONTEXT, (i) => /context · connected/.test(i.description), 'the second engine\'s root, connected', { timeoutMs: 20_000 });
      const labels = await containers.labels();
      t.log(`Containers rows: ${labels.join(' | ')}`);
      const rootIndex = labels.indexOf(CONTEXT);
      const firstRoot = labels[0];
      const root1 = await containers.rowInfo(firstRoot);
      if (!/active · connected/.test(root1.description)) throw new Error(`the first root is not the active engine: ${firstRoot} "${root1.description}"`);
      if (rootIndex <= labels.indexOf(onFirst.name)) throw new Error(`the first engine's container is not under the first root: ${labels.join(' | ')}`);
      t.log(`roots: ${firstRoot} (${root1.description}), ${CONTEXT} (${root2.description})`);

      // A container made on the second engine shows under its root, through its events.
      const onSecond = await docker2.container(t.unique('second'));
      await containers.waitForRow(onSecond.name, { timeoutMs: 20_000 });
      const after = await containers.labels();
      if (after.indexOf(onSecond.name) < after.indexOf(CONTEXT)) throw new Error(`the second engine's container is not under its root: ${after.join(' | ')}`);
      if (after.indexOf(onFirst.name) > after.indexOf(CONTEXT)) throw new Error(`the first engine's container moved: ${after.join(' | ')}`);
      await t.screenshot('two-engines');

      // The second engine's container's files read from the second engine (not the active one,
      // which has no such container): its /etc/hostname holds its own short id.
      await containers.waitForRowInfo(onSecond.name, (i) => /running|up /i.test(`${i.description} ${i.ariaLabel}`), 'shown running');
      const folded = [];
      for (const title of ['Images', 'Volumes', 'Networks', 'Registries', 'Contexts']) {
        const o = t.wb.section(title);
        if ((await o.header.getAttribute('aria-expanded')) === 'true') { await o.header.click(); folded.push(o); }
      }
      const filesRow = await containers.showChild(onSecond.name, 'Files', { timeoutMs: 20_000 });
      if ((await filesRow.getAttribute('aria-expanded')) === 'false') await filesRow.locator('.monaco-tl-twistie').click();
      const etc = await containers.showChild('Files', 'etc', { timeoutMs: 20_000 });
      if ((await etc.getAttribute('aria-expanded')) === 'false') await etc.locator('.monaco-tl-twistie').click();
      await (await containers.showChild('etc', 'hostname', { timeoutMs: 20_000 })).click();
      await t.wb.waitForEditor(/^hostname/);
      await waitUntil(async () => (await t.wb.activeEditorText()).includes(onSecond.id.slice(0, 12)), 'the second container\'s hostname in the editor');
      await t.screenshot('second-engine-file');
      await t.wb.runCommand('View: Close All Editors');
      const secondRow = await containers.waitForRow(onSecond.name);
      if ((await secondRow.getAttribute('aria-expanded')) === 'true') await secondRow.locator('.monaco-tl-twistie').click();
      for (const o of folded) await o.header.click();

      // Stop on the second's container acts on the second engine.
      await containers.contextMenu(onSecond.name, 'Stop');
      const stopped = await (async () => {
        for (let i = 0; i < 100; i++) {
          const s = await docker2.containerState(onSecond.id);
          if (s === 'exited') return s;
          await new Promise((r) => setTimeout(r, 100));
        }
        return docker2.containerState(onSecond.id);
      })();
      if (stopped !== 'exited') throw new Error(`Stop on the second engine's container left it ${stopped}`);
      const firstState = await t.docker.containerState(onFirst.id);
      if (firstState !== 'running') throw new Error(`the first engine's container is ${firstState}`);
      await containers.waitForRowInfo(onSecond.name, (i) => /exited/i.test(`${i.description} ${i.ariaLabel}`), 'shown exited');

      // From the palette, with two engines shown, Dockyard asks which engine first.
      await t.wb.runCommand('Dockyard: Show Engine Version and Info');
      await t.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Engine to act on' }).waitFor();
      const choices = await t.page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts();
      t.log(`engine pick: ${choices.join(' | ')}`);
      if (choices.map((c) => c.trim()).join('|') !== `${firstRoot}|${CONTEXT}`) throw new Error(`the engine pick offers ${choices.join(', ')}`);
      await t.wb.answerInput(CONTEXT);
      const info = await previewText(t, new RegExp(second.socket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the second engine\'s info');
      if (info.includes(t.engine.host)) throw new Error('the info shows the active engine too');
      await t.screenshot('palette-picked-second');
      await t.wb.runCommand('View: Close All Editors');

      // The second engine stops: its root says so; the first stays live.
      await second.stop({ keep: true });
      const down = await containers.waitForRowInfo(CONTEXT, (i) => /unreachable/.test(i.description), 'the second root unreachable', { timeoutMs: 20_000 });
      t.log(`second root: ${down.description}`);
      await containers.waitForRow('Retry');
      const live = await t.docker.container(t.unique('live'));
      await containers.waitForRow(live.name);
      const firstNow = await containers.rowInfo(firstRoot);
      if (!/connected/.test(firstNow.description)) throw new Error(`the first root is ${firstNow.description}`);
      await t.screenshot('second-unreachable');

      // Back again: the root reconnects by itself.
      await second.start();
      await containers.waitForRowInfo(CONTEXT, (i) => /context · connected/.test(i.description), 'the second root back', { timeoutMs: 30_000 });
      await containers.waitForRow(onSecond.name);

      // Unpin: one engine again, no extra level.
      await contexts.contextMenu(CONTEXT, 'Unpin Engine');
      await containers.waitForNoRow(CONTEXT, { timeoutMs: 20_000 });
      await containers.waitForNoRow(onSecond.name);
      await containers.waitForRow(onFirst.name);
      if ((await containers.labels()).includes(firstRoot)) throw new Error('the active engine\'s root is still shown with one engine');
      await t.screenshot('unpinned');
    } finally {
      // Unpin if the journey failed half-way; the setting and the context go.
      const info = await contexts.rowInfo(CONTEXT).catch(() => undefined);
      if (info && /\(pinned\)/.test(info.description)) await contexts.contextMenu(CONTEXT, 'Unpin Engine').catch(() => undefined);
      fs.rmSync(contextDir, { recursive: true, force: true });
      if (docker2) await docker2.cleanup().catch(() => undefined);
      await second.stop();
      if ((await contexts.header.getAttribute('aria-expanded')) === 'true') await contexts.header.click();
    }
  },
};
export default journey;

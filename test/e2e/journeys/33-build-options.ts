// Journey 33: Build Image… on a multi-stage Dockerfile with ARGs: the target-stage pick lists its
// stages, the build-argument pick offers each ARG with its default, the value prompt starts at
// that default, and the built image (checked on the engine) is the chosen stage with the given arg.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journey, waitForImagesGone } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const DOCKERFILE = [
  'ARG BASE=dockyard-test/busybox',
  'FROM ${BASE} AS base',
  'ARG GREETING=hello',
  'LABEL dockyard.test=1',
  'RUN echo "$GREETING" > /greeting.txt',
  'LABEL e2e.stage=base e2e.greeting=$GREETING',
  '',
  'FROM base AS final',
  'LABEL e2e.stage=final',
  '',
].join('\n');

const journey: Journey = {
  name: 'build-options',
  description: 'Build Image… with a target stage and a build arg: the picks list the stages and ARG defaults; the image is that stage with that arg',
  timeoutMs: 120_000,
  async run(t) {
    const folder = t.unique('buildopts');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'multi.Dockerfile'), DOCKERFILE);
    const tag = `${folder}:opts`;
    const title = t.page.locator('.quick-input-widget .quick-input-title');
    const rows = t.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const rowTexts = async () => (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    try {
      const explorer = await t.wb.workspaceExplorer();
      await explorer.showChild(folder, 'multi.Dockerfile', { timeoutMs: 30_000 });
      await explorer.contextMenu('multi.Dockerfile', 'Build Image…');
      await t.wb.answerInput(tag);

      // Target stage: the last stage (default) and both named stages.
      await title.filter({ hasText: /target stage$/ }).waitFor({ timeout: 15_000 });
      const stages = await waitUntil(async () => {
        const r = await rowTexts();
        return r.some((x) => /^base\s*stage/.test(x)) && r.some((x) => /^final\s*stage/.test(x)) ? r : undefined;
      }, 'the stages in the target pick').catch(async (e: unknown) => { t.log(`rows: ${JSON.stringify(await rowTexts())}`); throw e; });
      t.log(`stages: ${stages.join(' | ')}`);
      await t.screenshot('target-stage');
      await rows.filter({ hasText: /^base\s*stage/ }).first().click();

      // Build arguments: each ARG with its default; pick GREETING.
      await title.filter({ hasText: /build arguments$/ }).waitFor({ timeout: 15_000 });
      const args = await waitUntil(async () => {
        const r = await rowTexts();
        return r.some((x) => /GREETING.*default: hello/.test(x)) && r.some((x) => /BASE.*default: dockyard-test\/busybox/.test(x)) ? r : undefined;
      }, 'GREETING and BASE with their defaults in the build-argument pick');
      t.log(`args: ${args.join(' | ')}`);
      await t.screenshot('build-args');
      await rows.filter({ hasText: /^GREETING/ }).first().click();
      await t.page.locator('.quick-input-widget .quick-input-count', { hasText: /^1 Selected$/ }).waitFor({ timeout: 5000 });
      await t.page.locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).click();

      // The value prompt starts at the Dockerfile's default.
      await title.filter({ hasText: /--build-arg GREETING$/ }).waitFor({ timeout: 15_000 });
      const input = t.page.locator('.quick-input-widget .quick-input-box input');
      const initial = await input.inputValue();
      if (initial !== 'hello') throw new Error(`the GREETING prompt starts at "${initial}", not its default "hello"`);
      await t.wb.answerInput('howdy');

      await title.filter({ hasText: /options$/ }).waitFor({ timeout: 15_000 });
      await t.wb.answerInput('');
      await t.wb.waitForNotification(new RegExp(`Built ${folder}:opts`), { timeoutMs: 60_000 });
      await t.screenshot('built');

      // The engine's image: the base stage (not final), with the given arg.
      const labels = (await t.docker.docker.getImage(tag).inspect()).Config.Labels ?? {};
      t.log(`labels: ${JSON.stringify(labels)}`);
      if (labels['e2e.stage'] !== 'base') throw new Error(`built stage "${labels['e2e.stage']}", not the target "base"`);
      if (labels['e2e.greeting'] !== 'howdy') throw new Error(`GREETING was "${labels['e2e.greeting']}", not "howdy"`);
      await t.wb.clearNotifications();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await t.docker.removeTagsWithPrefix(folder).catch(() => undefined);
    }
    await waitForImagesGone(t, folder);
  },
};
export default journey;

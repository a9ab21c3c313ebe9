// Journey 23: Run… on an image from the Images tree. Bad input is refused in the form itself
// (a port out of range, a port that is not a number, an env entry without "=") with the reason
// shown and nothing created; valid answers create a container with that port binding and env
// (checked with the engine's inspect).
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'run-form',
  description: 'Run…: bad ports and env are refused in the prompt with the reason; valid -p and -e reach the engine',
  timeoutMs: 90_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const repo = `dockyard-e2e/${t.unique('runform')}`;
    const tag = 'form1';
    await t.docker.tag(repo, tag);
    const images = t.wb.section('Images');
    await images.showChild(repo, tag);
    const name = t.unique('formed');
    const title = t.page.locator('.quick-input-widget .quick-input-title');
    const input = t.page.locator('.quick-input-widget .quick-input-box input');
    const message = t.page.locator('.quick-input-widget .quick-input-message');
    const exists = async () => (await t.docker.docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) })).length > 0;

    /** Types a bad answer: the reason shows, Enter keeps the prompt open, nothing is created. */
    const refused = async (text: string, reason: RegExp, shot: string) => {
      await input.fill(text);
      const m = await waitUntil(async () => {
        const s = (await message.innerText().catch(() => '')).trim();
        return reason.test(s) ? s : undefined;
      }, `the validation message for "${text}"`, { timeoutMs: 10_000 });
      t.log(`"${text}": ${m}`);
      await t.screenshot(shot);
      await input.press('Enter');
      await t.page.waitForTimeout(300); // what is checked is that nothing happens
      if (!(await input.isVisible()) || (await input.inputValue()) !== text) throw new Error(`Enter on "${text}" closed the prompt`);
      if (await exists()) throw new Error(`a container was created after "${text}"`);
    };
    const step = async (n: number) => title.filter({ hasText: `(${n}/7)` }).waitFor({ timeout: 15_000 });

    try {
      await images.contextMenu(tag, 'Run…');
      await step(1);
      await t.wb.answerInput(name);
      await step(2);
      await t.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Detached (-d)' }).first().click();
      await step(3);
      await t.wb.answerInput('');

      await step(4);
      await refused('99999', /out of range/, 'port-out-of-range');
      await refused('abc', /not a number/, 'port-not-a-number');
      // written as on a docker run command line, "-p" included (what people paste)
      await t.wb.answerInput('-p 127.0.0.1:18081:80');
      await step(5);
      await t.wb.answerInput('');

      await step(6);
      await refused('FOO', /no "="/, 'env-no-equals');
      await t.wb.answerInput('FOO=bar');
      await step(7);
      await t.wb.answerInput('sleep 3600');

      const info = await waitUntil(async () => ((await exists()) ? t.docker.docker.getContainer(name).inspect() : undefined), 'the new container on the engine', { timeoutMs: 30_000 });
      const bindings = info.HostConfig.PortBindings as Record<string, { HostIp: string; HostPort: string }[]> | undefined;
      t.log(`ports: ${JSON.stringify(bindings)} env: ${JSON.stringify(info.Config.Env)}`);
      const b = bindings?.['80/tcp']?.[0];
      if (b?.HostIp !== '127.0.0.1' || b.HostPort !== '18081') throw new Error(`port binding is ${JSON.stringify(bindings)}`);
      if (!info.Config.Env.includes('FOO=bar')) throw new Error(`env is ${JSON.stringify(info.Config.Env)}`);
      const containers = t.wb.section('Containers');
      await containers.expand();
      await containers.waitForRowInfo(name, (i) => /running/i.test(i.ariaLabel), 'running', { timeoutMs: 30_000 });
      await t.screenshot('created');
      await t.wb.clearNotifications();
    } finally {
      await t.wb.escape().catch(() => undefined);
      await t.docker.docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    }
  },
};
export default journey;

// Journey 12: docker contexts while dockyard.host is set (as the harness sets it). The Contexts
// view lists the contexts of DOCKER_CONFIG (the harness gives code-server a folder of its own with
// e2e-blue and e2e-green) under a first line saying the setting wins. Use Context on e2e-green
// writes currentContext to that config.json, the view marks it current, and a warning says
// Dockyard still uses the setting's engine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'contexts',
  description: 'Contexts view lists DOCKER_CONFIG contexts under the dockyard.host override; Use Context writes currentContext and marks it current',
  async run(t) {
    const configFile = path.join(t.dockerConfig, 'config.json');
    const before = fs.readFileSync(configFile, 'utf8');
    await t.wb.openActivity('Dockyard');
    const contexts = t.wb.section('Contexts');
    await contexts.expand();
    try {
      await contexts.waitForRow('e2e-blue');
      await contexts.waitForRow('e2e-green');
      const labels = await contexts.labels();
      t.log(`rows: ${labels.join(' | ')}`);
      const override = labels.find((l) => l.startsWith('Using '));
      if (!override || !override.includes(t.engine.host)) throw new Error(`no first line saying which engine is used: ${labels.join(' | ')}`);
      const overrideInfo = await contexts.rowInfo(override);
      if (!/dockyard\.host setting/.test(overrideInfo.description)) throw new Error(`the override line does not name the setting: ${overrideInfo.description}`);
      const green = await contexts.rowInfo('e2e-green');
      if (/current/.test(green.description)) throw new Error(`e2e-green is current before Use Context: ${green.description}`);
      await t.screenshot('listed');

      await contexts.contextMenu('e2e-green', 'Use Context');
      const warning = await t.wb.waitForNotification(/"e2e-green" is now the current docker context, but Dockyard still uses/);
      t.log(`warning: ${warning}`);
      const config = await waitUntil(async () => {
        const c = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { currentContext?: string };
        return c.currentContext === 'e2e-green' ? c : undefined;
      }, 'currentContext "e2e-green" in config.json');
      t.log(`config.json: ${JSON.stringify(config)}`);
      const info = await contexts.waitForRowInfo('e2e-green', (i) => /^\(current\)/.test(i.description) && i.icon === 'pass-filled', 'marked current');
      t.log(`e2e-green: ${info.description} (${info.icon})`);
      // The setting still wins: the first line is unchanged, Dockyard stays on the same engine.
      if (!(await contexts.labels()).includes(override)) throw new Error(`the override line changed: ${(await contexts.labels()).join(' | ')}`);
      const blue = await contexts.rowInfo('e2e-blue');
      if (/current/.test(blue.description)) throw new Error(`e2e-blue is still marked current: ${blue.description}`);
      await t.page.locator('.notification-toast.notification-fade-in-done').first().waitFor(); // readable, not mid fade-in
      await t.screenshot('switched');
      await t.wb.clearNotifications();
    } finally {
      fs.writeFileSync(configFile, before);
      // Leave the side bar as it was: the Contexts section collapsed.
      if ((await contexts.header.getAttribute('aria-expanded')) === 'true') await contexts.header.click();
    }
  },
};
export default journey;

// Journey 1: the Dockyard activity-bar entry opens; Containers, Images, Volumes and Networks
// list what the test created on the engine.
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'explorer',
  description: 'Dockyard opens from the activity bar and its four views list the engine\'s objects',
  async run(t) {
    const container = await t.docker.container(t.unique('web'));
    const repo = t.unique('app');
    await t.docker.tag(repo, 'v1');
    const volume = await t.docker.volume(t.unique('data'));
    const network = t.unique('net');
    await t.docker.network(network);

    await t.wb.openActivity('Dockyard');
    const expected: Array<[string, string]> = [
      ['Containers', container.name],
      ['Images', repo],
      ['Volumes', volume],
      ['Networks', network],
    ];
    for (const [title, label] of expected) {
      const section = t.wb.section(title);
      await section.expand();
      await section.waitForRow(label);
    }
    // Tags show under their repository.
    const images = t.wb.section('Images');
    await images.expandRow(repo);
    await images.waitForRow('v1');
    await t.wb.section('Containers').waitForRowInfo(container.name, (i) => /running/i.test(i.ariaLabel), 'running');
    await t.screenshot('views');
  },
};
export default journey;

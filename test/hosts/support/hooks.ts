// Root hooks for the hosts tier: stop every server we started, print the host × operation table.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { matrixTable } from './exercise';
import { cleanupAll } from './servers';

const t0 = Date.now();

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60000);
    await cleanupAll();
    const table = matrixTable();
    if (table) {
      console.log(`\nhost kind × operation (through Dockyard's Engine):\n${table}\nhosts tier: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const dir = path.join(process.cwd(), 'test-results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'hosts-matrix.md'), table + '\n');
    }
  },
};

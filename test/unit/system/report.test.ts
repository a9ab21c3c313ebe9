import { strict as assert } from 'node:assert';
import { diskUsageReport, versionReport } from '../../../src/system/report';

describe('engine reports', () => {
  it('version/info: a titled table with the engine, API and counts; pipes escaped; empty rows left out', () => {
    const md = versionReport('unix:///var/run/docker.sock', 'default',
      { version: '20.10.24', apiVersion: '1.41', minApiVersion: '1.12', os: 'linux', arch: 'amd64', components: [{ name: 'containerd', version: '1.6' }] },
      { Containers: 3, ContainersRunning: 1, ContainersPaused: 0, ContainersStopped: 2, Images: 5, Name: 'a|b', MemTotal: 2_000_000_000 });
    const lines = md.split('\n');
    assert.equal(lines[2], '| Property | Value |');
    assert.ok(lines.includes('| Engine | 20.10.24 (API 1.41, min 1.12) |'));
    assert.ok(lines.includes('| Containers | 3 (1 running, 0 paused, 2 stopped) |'));
    assert.ok(lines.includes('| Name | a\\|b |'));
    assert.ok(lines.includes('| Memory | 2.00 GB |'));
    assert.ok(!md.includes('| Kernel |'), 'rows without a value are left out');
    assert.ok(md.includes('| Component | Version |') && md.includes('| containerd | 1.6 |'));
  });

  it('disk usage: one row per kind with reclaimable share, and the total', () => {
    const u = (count: number, size: number, reclaimable: number) => ({ count, active: 1, size, reclaimable });
    const md = diskUsageReport({ images: u(4, 1_000_000, 500_000), containers: u(2, 0, 0), volumes: u(1, 2000, 2000), buildCache: u(0, 0, 0) });
    assert.ok(md.includes('| Images | 4 | 1 | 1.00 MB | 500 kB (50%) |'), md);
    assert.ok(md.includes('| Containers | 2 | 1 | 0 B | 0 B |'));
    assert.ok(md.includes('Total reclaimable: **502 kB**'));
  });
});

// Markdown for the engine's version/info and disk usage documents. Pure.
import { DiskUsage, EngineVersion } from '../engine/models';
import { formatBytes } from '../shared/format';
import { l10n } from '../shared/l10n';

function table(header: [string, string], rows: [string, string][]): string {
  return [`| ${header[0]} | ${header[1]} |`, '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
}

export function versionReport(host: string, context: string, v: EngineVersion, info: Record<string, unknown>): string {
  const str = (k: string) => (info[k] === undefined || info[k] === null ? '' : String(info[k]));
  const rows: [string, string][] = [
    [l10n.t('Host'), host],
    [l10n.t('Context'), context],
    [l10n.t('Engine'), l10n.t('{0} (API {1}{2})', v.version, v.apiVersion, v.minApiVersion ? `, min ${v.minApiVersion}` : '')],
    [l10n.t('OS / Arch'), `${v.os}/${v.arch}`],
    [l10n.t('Kernel'), v.kernelVersion ?? ''],
    [l10n.t('Operating system'), str('OperatingSystem')],
    [l10n.t('Name'), str('Name')],
    [l10n.t('CPUs'), str('NCPU')],
    [l10n.t('Memory'), typeof info.MemTotal === 'number' ? formatBytes(info.MemTotal) : ''],
    [l10n.t('Storage driver'), str('Driver')],
    [l10n.t('Cgroup'), `${str('CgroupDriver')} ${str('CgroupVersion') ? `v${str('CgroupVersion')}` : ''}`.trim()],
    [l10n.t('Root dir'), str('DockerRootDir')],
    [l10n.t('Containers'), l10n.t('{0} ({1} running, {2} paused, {3} stopped)', str('Containers'), str('ContainersRunning'), str('ContainersPaused'), str('ContainersStopped'))],
    [l10n.t('Images'), str('Images')],
    [l10n.t('Go'), v.goVersion ?? ''],
    [l10n.t('Git commit'), v.gitCommit ?? ''],
  ];
  const components = v.components.length ? `\n\n## ${l10n.t('Components')}\n\n${table([l10n.t('Component'), l10n.t('Version')], v.components.map((c) => [c.name, c.version]))}` : '';
  return `# ${l10n.t('Docker engine')}\n\n${table([l10n.t('Property'), l10n.t('Value')], rows.filter(([, val]) => val !== ''))}${components}\n`;
}

export function diskUsageReport(df: DiskUsage): string {
  const rows = [
    [l10n.t('Images'), df.images],
    [l10n.t('Containers'), df.containers],
    [l10n.t('Local volumes'), df.volumes],
    [l10n.t('Build cache'), df.buildCache],
  ] as const;
  const pct = (a: number, b: number) => (b > 0 ? ` (${Math.round((a / b) * 100)}%)` : '');
  const lines = [
    l10n.t('# Docker disk usage'),
    '',
    l10n.t('| Type | Total | Active | Size | Reclaimable |'),
    '|---|---:|---:|---:|---:|',
    ...rows.map(([name, u]) => `| ${name} | ${u.count} | ${u.active} | ${formatBytes(u.size)} | ${formatBytes(u.reclaimable)}${pct(u.reclaimable, u.size)} |`),
    '',
    l10n.t('Total reclaimable: **{0}** — prune from the views\' "…" menus.', formatBytes(rows.reduce((s, [, u]) => s + u.reclaimable, 0))),
    '',
  ];
  return lines.join('\n');
}

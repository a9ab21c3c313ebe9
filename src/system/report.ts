// Markdown for the engine's version/info and disk usage documents. Pure.
import { DiskUsage, EngineVersion } from '../engine/models';
import { formatBytes } from '../shared/format';

function table(header: [string, string], rows: [string, string][]): string {
  return [`| ${header[0]} | ${header[1]} |`, '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
}

export function versionReport(host: string, context: string, v: EngineVersion, info: Record<string, unknown>): string {
  const str = (k: string) => (info[k] === undefined || info[k] === null ? '' : String(info[k]));
  const rows: [string, string][] = [
    ['Host', host],
    ['Context', context],
    ['Engine', `${v.version} (API ${v.apiVersion}${v.minApiVersion ? `, min ${v.minApiVersion}` : ''})`],
    ['OS / Arch', `${v.os}/${v.arch}`],
    ['Kernel', v.kernelVersion ?? ''],
    ['Operating system', str('OperatingSystem')],
    ['Name', str('Name')],
    ['CPUs', str('NCPU')],
    ['Memory', typeof info.MemTotal === 'number' ? formatBytes(info.MemTotal) : ''],
    ['Storage driver', str('Driver')],
    ['Cgroup', `${str('CgroupDriver')} ${str('CgroupVersion') ? `v${str('CgroupVersion')}` : ''}`.trim()],
    ['Root dir', str('DockerRootDir')],
    ['Containers', `${str('Containers')} (${str('ContainersRunning')} running, ${str('ContainersPaused')} paused, ${str('ContainersStopped')} stopped)`],
    ['Images', str('Images')],
    ['Go', v.goVersion ?? ''],
    ['Git commit', v.gitCommit ?? ''],
  ];
  const components = v.components.length ? `\n\n## Components\n\n${table(['Component', 'Version'], v.components.map((c) => [c.name, c.version]))}` : '';
  return `# Docker engine\n\n${table(['Property', 'Value'], rows.filter(([, val]) => val !== ''))}${components}\n`;
}

export function diskUsageReport(df: DiskUsage): string {
  const rows = [
    ['Images', df.images],
    ['Containers', df.containers],
    ['Local volumes', df.volumes],
    ['Build cache', df.buildCache],
  ] as const;
  const pct = (a: number, b: number) => (b > 0 ? ` (${Math.round((a / b) * 100)}%)` : '');
  const lines = [
    '# Docker disk usage',
    '',
    '| Type | Total | Active | Size | Reclaimable |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(([name, u]) => `| ${name} | ${u.count} | ${u.active} | ${formatBytes(u.size)} | ${formatBytes(u.reclaimable)}${pct(u.reclaimable, u.size)} |`),
    '',
    `Total reclaimable: **${formatBytes(rows.reduce((s, [, u]) => s + u.reclaimable, 0))}** — prune from the views' "…" menus.`,
    '',
  ];
  return lines.join('\n');
}

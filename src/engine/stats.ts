// `docker stats` figures from the engine's stats JSON (pure: no vscode, no dockerode).

export interface RawStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

export interface StatsSample {
  cpuPercent: number;
  memUsage: number;    // bytes, without page cache (like the CLI)
  memLimit: number;
  memPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export function computeStats(s: RawStats): StatsSample {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = cpuDelta > 0 && sysDelta > 0 ? (cpuDelta / sysDelta) * cpus * 100 : 0;
  const st = s.memory_stats?.stats ?? {};
  // cgroup v1: total_inactive_file; v2: inactive_file — subtracted like the docker CLI.
  const cache = st.total_inactive_file ?? st.inactive_file ?? 0;
  const usage = s.memory_stats?.usage ?? 0;
  const memUsage = cache < usage ? usage - cache : usage;
  const memLimit = s.memory_stats?.limit ?? 0;
  let netRx = 0;
  let netTx = 0;
  for (const n of Object.values(s.networks ?? {})) { netRx += n.rx_bytes ?? 0; netTx += n.tx_bytes ?? 0; }
  let blockRead = 0;
  let blockWrite = 0;
  for (const b of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (b.op ?? '').toLowerCase();
    if (op === 'read') blockRead += b.value ?? 0;
    if (op === 'write') blockWrite += b.value ?? 0;
  }
  return {
    cpuPercent, memUsage, memLimit, memPercent: memLimit ? (memUsage / memLimit) * 100 : 0,
    netRx, netTx, blockRead, blockWrite, pids: s.pids_stats?.current ?? 0,
  };
}

// `docker stats` for one container in a terminal: one screen per engine sample, with a CPU
// sparkline. Built on the engine's StatsStream, so it ends like the stats chart does: "stopped
// (exit code N)" or "was removed". Pure text (no vscode).
import type { Engine } from '../../engine/engine';
import type { StatsSample } from '../../engine/stats';
import { StatsStream } from '../../engine/statsStream';
import { Emitter, Subscription } from '../../shared/emitter';
import { formatBytes } from '../../shared/format';
import type { Dimensions, SessionExit, TerminalSession } from './sessions';
import { BOLD, DIM, RESET } from '../../shared/ansi';

/** One screen of the live stats view (ANSI: home + clear), with a CPU sparkline. */
export function renderStats(name: string, s: StatsSample, cpuHistory: number[], width = 60): string {
  const bars = '▁▂▃▄▅▆▇█';
  const hist = cpuHistory.slice(-Math.max(10, Math.min(width, 120)));
  const max = Math.max(100, ...hist);
  const spark = hist.map((v) => bars[Math.min(bars.length - 1, Math.floor((v / max) * (bars.length - 1)))]).join('');
  const rows = [
    `\x1b[H\x1b[2J${BOLD}${name}${RESET}  ${DIM}(live; close the terminal to stop)${RESET}`,
    '',
    `CPU      ${s.cpuPercent.toFixed(2)}%`,
    `         ${spark}`,
    `MEMORY   ${formatBytes(s.memUsage)} / ${formatBytes(s.memLimit)} (${s.memPercent.toFixed(2)}%)`,
    `NET I/O  ${formatBytes(s.netRx)} received / ${formatBytes(s.netTx)} sent`,
    `BLOCK    ${formatBytes(s.blockRead)} read / ${formatBytes(s.blockWrite)} written`,
    `PIDS     ${s.pids}`,
  ];
  return rows.join('\r\n') + '\r\n';
}

export class StatsSession implements TerminalSession {
  private readonly data = new Emitter<string>();
  private readonly exit = new Emitter<SessionExit>();
  private readonly stream: StatsStream;
  private readonly history: number[] = [];
  private cols = 80;
  exited: SessionExit | undefined;

  constructor(engine: Engine, id: string, private readonly name: string) {
    this.stream = new StatsStream(engine, id, name);
  }

  onData(l: (text: string) => void): Subscription { return this.data.on(l); }
  onExit(l: (exit: SessionExit) => void): Subscription { return this.exit.on(l); }

  async start(dims?: Dimensions): Promise<void> {
    if (dims) this.cols = dims.cols;
    this.stream.onSample((s) => {
      this.history.push(s.cpuPercent);
      if (this.history.length > 200) this.history.shift();
      this.data.fire(renderStats(this.name, s, this.history, this.cols - 10));
    });
    this.stream.onEnd((e) => this.finish(e.reason === 'closed' ? { reason: 'closed' } : { reason: e.message.replace(/\.$/, ''), error: e.reason === 'error' }));
    await this.stream.start();
  }

  private finish(e: SessionExit): void {
    if (this.exited) return;
    this.exited = e;
    this.exit.fire(e);
  }

  write(): void { /* read-only */ }
  resize(d: Dimensions): void { this.cols = d.cols; }
  close(): void {
    this.stream.stop();
    this.finish({ reason: 'closed' });
  }
}

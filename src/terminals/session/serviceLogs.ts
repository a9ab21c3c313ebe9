// `docker service logs -f`: every task of a swarm service merged into one terminal, each line
// prefixed with its task and node ("web.2@node-a | …", one colour per task). No vscode: the
// stream comes from src/engine/swarm.ts, a Pseudoterminal (src/terminals/pty.ts) shows it.
import type { Readable } from 'node:stream';
import type { Swarm } from '../../engine/swarm';
import { parseServiceLogLine, ServiceSummary, taskName } from '../../engine/swarmModel';
import { parseEventLine } from '../../engine/events';
import { LineSplitter, MAX_TERMINAL_LINE } from '../../shared/lines';
import { followLogLines, PacedSession, PacingOptions } from './sessions';
import { DIM, GREEN, RESET, YELLOW } from '../../shared/ansi';
import { l10n } from '../../shared/l10n';

export interface ServiceLogsOptions {
  /** Lines of history per task first ("all" or a count). */
  tail?: number | 'all';
  timestamps?: boolean;
  /** Unix seconds (engine form), from parseSince. */
  since?: string;
  follow?: boolean;
  pacing?: PacingOptions;
}

const COLOURS = ['\x1b[36m', YELLOW, GREEN, '\x1b[35m', '\x1b[34m', '\x1b[91m'];

/** One terminal line: "<colour>web.2@node-a |<reset> [ts] text". Pure. */
export function formatServiceLine(prefix: string, colour: number, text: string, ts?: string): string {
  const c = COLOURS[((colour % COLOURS.length) + COLOURS.length) % COLOURS.length];
  return `${c}${prefix} |${RESET} ${ts ? `${DIM}${ts}${RESET} ` : ''}${text}\r\n`;
}

/** Task prefixes of a service: "name.slot@host", given the tasks' slots and the nodes' hostnames. Pure. */
export function taskPrefixes(service: Pick<ServiceSummary, 'name'>, tasks: { id: string; slot?: number; nodeId: string }[], hostnames: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tasks) {
    const host = hostnames.get(t.nodeId) ?? t.nodeId.slice(0, 12);
    out.set(t.id, `${taskName(service, t, host)}@${host}`);
  }
  return out;
}

export class ServiceLogsSession extends PacedSession {
  private events: Readable | undefined;
  private service: ServiceSummary | undefined;
  private prefixes = new Map<string, string>();
  private readonly colours = new Map<string, number>();
  private refreshing: Promise<void> | undefined;
  /** Lines written, and the tasks they came from (tests, the status). */
  lines = 0;
  readonly tasksSeen = new Set<string>();

  constructor(private readonly swarm: Swarm, private readonly serviceId: string, private readonly opts: ServiceLogsOptions = {}) {
    super(opts.pacing);
  }


  async start(): Promise<void> {
    this.service = await this.swarm.service(this.serviceId);
    await this.refreshNames();
    // A follow stream outlives its service: the remove event ends the session.
    if (this.opts.follow ?? true) await this.watchRemoval();
    const stream = await this.swarm.openServiceLogs(this.serviceId, { follow: this.opts.follow ?? true, tail: this.opts.tail ?? 100, since: this.opts.since });
    if (this.closing) { stream.destroy(); return; }
    this.stream = stream;
    this.pacer.setSource(stream);
    // No carriage-return handling here: each line starts with its task's details, which a "\r" would drop.
    followLogLines(stream, this.service.tty, { maxLine: MAX_TERMINAL_LINE }, (_kind, line) => this.emitLine(line), () => { void this.streamEnded(); });
  }

  private async watchRemoval(): Promise<void> {
    const events = await this.swarm.serviceEvents(this.service!.id);
    if (this.closing) { events.destroy(); return; }
    this.events = events;
    const lines = new LineSplitter();
    events.on('data', (b: Buffer) => {
      for (const l of lines.push(b)) {
        if (parseEventLine(l)?.action !== 'remove') continue;
        this.stopStreams();
        void this.finish({ reason: l10n.t('service {0} was removed', this.service!.name) });
      }
    });
    events.on('error', () => { /* the log stream's end says what happened */ });
  }

  private stopStreams(): void {
    for (const s of [this.stream, this.events]) {
      try { s?.destroy(); } catch { /* closed */ }
    }
    this.stream = undefined;
    this.events = undefined;
  }

  /** Task id → "name.slot@host", re-read when a line names a task not seen before (a scale, an update). */
  private async refreshNames(): Promise<void> {
    const [tasks, nodes] = await Promise.all([this.swarm.tasks(this.serviceId), this.swarm.nodes().catch(() => [])]);
    this.prefixes = taskPrefixes(this.service!, tasks, new Map(nodes.map((n) => [n.id, n.hostname])));
  }

  private prefixOf(taskId: string | undefined): string {
    if (!taskId) return this.service!.name;
    const known = this.prefixes.get(taskId);
    if (known) return known;
    if (!this.refreshing) this.refreshing = this.refreshNames().catch(() => undefined).finally(() => { this.refreshing = undefined; });
    return `${this.service!.name}.${taskId.slice(0, 12)}`;
  }

  private emitLine(line: string): void {
    const parsed = parseServiceLogLine(line);
    const key = parsed.taskId ?? '';
    if (parsed.taskId) this.tasksSeen.add(parsed.taskId);
    let colour = this.colours.get(key);
    if (colour === undefined) { colour = this.colours.size; this.colours.set(key, colour); }
    this.lines++;
    this.pacer.push(formatServiceLine(this.prefixOf(parsed.taskId), colour, parsed.text, this.opts.timestamps ? parsed.ts : undefined));
  }

  private async streamEnded(): Promise<void> {
    if (this.closing || this.exited) return;
    try { this.events?.destroy(); } catch { /* closed */ }
    if (!(this.opts.follow ?? true)) return this.finish({ reason: l10n.t('end of log') });
    const gone = await this.swarm.service(this.serviceId).then(() => false, () => true);
    return this.finish({ reason: gone ? l10n.t('service {0} was removed', this.service?.name ?? this.serviceId) : l10n.t('the engine closed the log stream') });
  }

  override close(): void {
    if (this.closing) return;
    this.stopStreams();
    super.close();
  }
}

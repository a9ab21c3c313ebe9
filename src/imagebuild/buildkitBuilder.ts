// BuildKit's part of a build: the network a RUN step gets on engines without a bridge, the
// request with its session (registry logins, secrets, ssh-agent), its progress as buildx-style
// text, and its failure, warnings and step timings placed in the Dockerfile. No vscode.
import type { Engine } from '../engine/engine';
import { explainBuildError } from '../engine/build';
import { BuildKitRequest, buildWithBuildKit, hasBridgeNetwork } from '../engine/buildkit/build';
import { BuildTrace } from '../engine/buildkit/trace';
import type { StepTiming } from '../engine/models';
import { l10n } from '../shared/l10n';
import { DIM, RESET } from '../shared/ansi';
import type { BuildInput } from './buildInput';
import { BuildKitOutput, instructionForVertex } from './buildkitOutput';
import { ContextPlan, packContext } from './context';
import type { Builder, BuildHooks } from './job';

export function buildKitBuilder(engine: Engine, request: BuildKitRequest, input: BuildInput, hooks: BuildHooks): Builder {
  const trace = new BuildTrace();
  const out = new BuildKitOutput(trace);
  const say = (line: string) => hooks.onText?.(`${DIM}${line}${RESET}\r\n`);
  return {
    name: 'buildkit',
    async run(plan: ContextPlan): Promise<void> {
      let networkMode = request.networkMode;
      if (!networkMode) {
        const bridge = await hasBridgeNetwork(engine).catch(() => true);
        if (!bridge) {
          networkMode = 'none';
          say(l10n.t('This engine has no bridge network: RUN steps run with --network=none (set dockyard.build.networkMode to "host" for network access).'));
        }
      }
      let lastProgress = '';
      const r = await buildWithBuildKit(engine, packContext(plan), { ...request, networkMode }, trace, (e) => {
        let text = '';
        if (e.type === 'trace') text = out.render(e.events);
        else if (e.type === 'error') text = out.renderError(explainBuildError(e.message));
        else if (e.type === 'image') out.imageId = e.id;
        else if (e.type === 'text') text = `${DIM}${e.text.replace(/\r?\n/g, '\r\n')}${RESET}`;
        if (text) hooks.onText?.(text);
        const p = out.progress();
        const key = `${p.done}/${p.total}/${p.current ?? ''}`;
        if (key !== lastProgress && p.total) {
          lastProgress = key;
          hooks.onStep?.({ n: p.done, total: p.total, text: p.current ?? '' });
        }
      });
      out.imageId = r.imageId ?? out.imageId;
      if (r.activity.secretsMissing.length) {
        say(l10n.t('Secrets the build asked for but were not given: {0}.', [...new Set(r.activity.secretsMissing)].join(', ')));
      }
    },
    refused: (message) => hooks.onText?.(out.renderError(explainBuildError(message))),
    // BuildKit's output is per step: a broken stream's detail is its message alone.
    lastLines: () => [],
    end() {
      const steps: StepTiming[] = [];
      for (const s of trace.ordered) {
        const ins = instructionForVertex(input, s.name);
        if (!ins) continue;
        steps.push({ startLine: ins.range.startLine, cached: s.cached, ms: s.started !== undefined && s.completed !== undefined ? Math.max(0, s.completed - s.started) : undefined });
      }
      return { failure: out.failure(input), imageId: out.imageId, tags: request.tags ?? [], warnings: out.warnings(input), summary: out.summary(), steps };
    },
  };
}

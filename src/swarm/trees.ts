// The swarm views on the explorer's ResourceTree: Services (stacks → services → tasks), Nodes,
// Secrets, Configs. Each load reads the engine it is given (a Swarm per Engine).
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { isUpdating } from '../engine/swarmModel';
import { DockyardItem } from '../explorer/items';
import { ResourceTree } from '../explorer/resourceTree';
import { configRows, nodeRows, Row, secretRows, serviceRows } from './rows';
import { SwarmItem } from './items';
import { swarmOf, SwarmState } from './state';

const toItems = (rows: Row[]): DockyardItem[] => rows.map((r) => new SwarmItem(r));

/** A swarm view: an engine that stopped being a manager re-reads the swarm state (the view hides). */
abstract class SwarmTree extends ResourceTree {
  constructor(ctx: Ctx, kind: 'services' | 'nodes' | 'secrets' | 'configs', protected readonly state: SwarmState) {
    super(ctx, kind);
  }

  protected abstract rows(engine: Engine, filter: string): Promise<Row[]>;

  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    try {
      return toItems(await this.rows(engine, filter));
    } catch (e) {
      if (e instanceof EngineError && e.reason === 'notSwarmManager') void this.state.refresh();
      throw e;
    }
  }
}

export class ServicesTree extends SwarmTree {
  private settle: NodeJS.Timeout | undefined;

  protected async rows(engine: Engine, filter: string): Promise<Row[]> {
    const snap = await swarmOf(engine).snapshot();
    // An update's end comes with no event: while one runs, read again one monitor period after
    // this read (any event meanwhile reads sooner). Nothing updating, nothing scheduled.
    clearTimeout(this.settle);
    const updating = snap.services.filter(isUpdating);
    if (updating.length) this.settle = setTimeout(() => this.refresh(), Math.min(60000, Math.max(...updating.map((s) => s.updateMonitorMs)) + 1000));
    return serviceRows(snap, filter, Date.now(), this.state.info?.nodeId);
  }

  override dispose(): void {
    clearTimeout(this.settle);
    super.dispose();
  }
}

export class NodesTree extends SwarmTree {
  protected async rows(engine: Engine, filter: string): Promise<Row[]> {
    const swarm = swarmOf(engine);
    const [nodes, info] = await Promise.all([swarm.nodes(), swarm.info()]);
    const f = filter.toLowerCase();
    return nodeRows(nodes.filter((n) => !f || n.hostname.toLowerCase().includes(f)), info.nodeId);
  }
}

export class SecretsTree extends SwarmTree {
  protected async rows(engine: Engine, filter: string): Promise<Row[]> {
    const f = filter.toLowerCase();
    return secretRows((await swarmOf(engine).secrets()).filter((s) => !f || s.name.toLowerCase().includes(f)));
  }
}

export class ConfigsTree extends SwarmTree {
  protected async rows(engine: Engine, filter: string): Promise<Row[]> {
    const f = filter.toLowerCase();
    return configRows((await swarmOf(engine).configs()).filter((c) => !f || c.name.toLowerCase().includes(f)));
  }
}

// Extension-host suite: runs inside a real VS Code (code-server via scripts/e2e.mjs, or desktop
// VS Code via `npm run test:vscode`) with the real `vscode` API and the installed Dockyard.
// The engine is the one Dockyard is configured for (the `dockyard.host` setting the harness writes).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from './eventually';
import { TestDocker, uniqueName } from '../harness/docker';

const EXTENSION_ID = 'dockyard.dockyard';
const KINDS = ['containers', 'images', 'volumes', 'networks'] as const;
type Kind = (typeof KINDS)[number];

/** The part of a tree data provider the suite calls. */
interface TreeProvider {
  getChildren(element?: unknown): vscode.ProviderResult<unknown[]>;
  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem>;
}

/** What Dockyard's activate() returns for tests (and other extensions). */
interface DockyardApi {
  explorer?: { trees?: Partial<Record<Kind, TreeProvider>> };
}

interface ContributedCommand {
  command: string;
}

function dockyard(): vscode.Extension<DockyardApi | undefined> {
  const ext = vscode.extensions.getExtension<DockyardApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** Every label in a tree, depth first, through the provider's own getChildren(). */
async function allLabels(tree: TreeProvider, element?: unknown, depth = 0): Promise<string[]> {
  const children = (await tree.getChildren(element)) ?? [];
  const out: string[] = [];
  for (const child of children) {
    const item = await tree.getTreeItem(child);
    out.push(labelOf(item));
    if (depth < 3 && item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
      out.push(...(await allLabels(tree, child, depth + 1)));
    }
  }
  return out;
}


describe('Dockyard in a real extension host', () => {
  let api: DockyardApi | undefined;

  before(async () => {
    api = await dockyard().activate();
  });

  it('activates without errors', () => {
    assert.equal(dockyard().isActive, true);
  });

  it('registers every contributed command', async () => {
    const contributed = (dockyard().packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the four views, each focusable', async () => {
    for (const kind of KINDS) await vscode.commands.executeCommand(`dockyard.${kind}.focus`);
  });

  describe('tree providers against the engine', () => {
    const host = vscode.workspace.getConfiguration('dockyard').get<string>('host', '') || process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
    const docker = new TestDocker(host);
    const names: Record<Kind, string> = {
      containers: uniqueName('dockyard-suite-c'),
      images: uniqueName('dockyard-suite-img'),
      volumes: uniqueName('dockyard-suite-v'),
      networks: uniqueName('dockyard-suite-n'),
    };

    before(async () => {
      await docker.container(names.containers);
      await docker.tag(names.images, 'v1');
      await docker.volume(names.volumes);
      await docker.network(names.networks);
    });

    after(async () => {
      await docker.cleanup();
    });

    for (const kind of KINDS) {
      it(`${kind}: getChildren() returns the engine's objects`, async () => {
        const tree = api?.explorer?.trees?.[kind];
        assert.ok(tree, `Dockyard's activate() must return { explorer: { trees: { ${kind}: <TreeDataProvider> } } } so tests can read the views`);
        // Images are grouped by repository: the repository node carries the name.
        const labels = await eventually(async () => {
          const all = await allLabels(tree);
          return all.includes(names[kind]) ? all : undefined;
        }, `${names[kind]} in the ${kind} tree`);
        assert.ok(labels.includes(names[kind]));
      });
    }
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

interface ToolContribution {
  name: string;
  displayName: string;
  userDescription: string;
  modelDescription: string;
  toolReferenceName?: string;
  canBeReferencedInPrompt?: boolean;
  tags?: string[];
  inputSchema: { type: string; properties: Record<string, unknown>; additionalProperties: boolean; required?: string[] };
}

describe('language-model tools in package.json', () => {
  const tools = (JSON.parse(read('package.json')) as { contributes: { languageModelTools: ToolContribution[] } }).contributes.languageModelTools;
  const register = read('src/lmTools/register.ts');

  it('declares exactly the tools register.ts registers, each written out once', () => {
    const written = [...register.matchAll(/^\s*'(dockyard_[a-z_]+)':/gm)].map((m) => m[1]);
    assert.deepEqual([...written].sort(), tools.map((t) => t.name).sort());
    assert.equal(new Set(written).size, written.length);
  });

  it('gives each tool a schema, names and translated display strings', () => {
    const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const zh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
    for (const t of tools) {
      assert.match(t.name, /^[a-z0-9_]+$/, t.name);
      assert.ok(t.modelDescription.length > 40, `${t.name}: modelDescription`);
      assert.ok(t.toolReferenceName && t.canBeReferencedInPrompt, `${t.name}: referenceable`);
      assert.ok(t.tags?.includes('docker'), `${t.name}: tags`);
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.inputSchema.additionalProperties, false, `${t.name}: additionalProperties`);
      for (const r of t.inputSchema.required ?? []) assert.ok(r in t.inputSchema.properties, `${t.name}: required ${r}`);
      for (const key of [t.displayName, t.userDescription]) {
        const k = /^%(.+)%$/.exec(key)?.[1];
        assert.ok(k && nls[k] && zh[k], `${t.name}: ${key} in package.nls.json and package.nls.zh-cn.json`);
      }
    }
  });

  it('says in the description of every tool that changes something that the user confirms', () => {
    for (const t of tools.filter((x) => x.tags?.includes('action'))) assert.match(t.modelDescription, /always asked to confirm/, t.name);
    assert.deepEqual(tools.filter((x) => x.tags?.includes('action')).map((t) => t.name).sort(),
      ['dockyard_remove_container', 'dockyard_restart_container', 'dockyard_run_image', 'dockyard_start_container', 'dockyard_stop_container']);
  });
});

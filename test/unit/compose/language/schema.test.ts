import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { analyzeCompose } from '../../../../src/compose/language/analyze';
import { closest } from '../../../../src/compose/language/schema';
import validate from '../../../../src/compose/language/schema/validate.generated';
import { summarize } from './helpers';

const SCHEMA_DIR = path.resolve(__dirname, '../../../../src/compose/language/schema');

describe('compose language: the vendored Compose Specification schema', () => {
  it('is compose-go\'s draft 2020-12 schema, its source recorded with the same sha256', () => {
    const text = fs.readFileSync(path.join(SCHEMA_DIR, 'compose-spec.json'), 'utf8');
    const schema = JSON.parse(text) as { $schema: string; $defs: object };
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const source = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'compose-spec.source.json'), 'utf8')) as Record<string, string>;
    assert.equal(source.repository, 'https://github.com/compose-spec/compose-go');
    assert.match(source.version, /^v\d+\.\d+\.\d+/);
    assert.equal(source.sha256, createHash('sha256').update(text).digest('hex'));
  });

  it('the precompiled validator was made from this schema with the installed ajv (npm run build remakes it)', () => {
    const text = fs.readFileSync(path.join(SCHEMA_DIR, 'compose-spec.json'), 'utf8');
    const stampLine = fs.readFileSync(path.join(SCHEMA_DIR, 'validate.generated.js'), 'utf8').split('\n')[1];
    const ajvVersion = (JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
    assert.equal(stampLine, `// schema sha256 ${createHash('sha256').update(text).digest('hex')}, ajv ${ajvVersion}`);
  });

  it('the precompiled validator gives the errors ajv gives compiling the full schema at run time', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    const runtime = ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'compose-spec.json'), 'utf8')) as object);
    const docs: unknown[] = [
      { services: { web: { image: 'x', ports: '80:80', restsart: 'always', depends_on: { db: { condition: 'nope' } } } } },
      { services: { web: { build: { context: '.', sbom: 3, no_cache_filter: [1] }, pre_start: [{ command: 'x', imagee: 'y' }] } } },
      { services: { a: { develop: { watch: [{ path: '.', action: 'copy', initial_sync: 'yes' }] } } }, models: { m: null } },
      { networks: { n: { ipam: { config: [{ subnet: 1 }] } } }, volumes: [], secrets: { s: { file: 1 } } },
      { services: { web: { image: 'x', container_name: 'bad name!', ulimits: { nofile: { soft: 'a' } }, environment: ['A=1', 'A=1'] } } },
      { services: { web: { image: 'x' } } },
    ];
    const shape = (errs: { keyword: string; instancePath: string; params: object }[] | null | undefined) =>
      (errs ?? []).map((e) => `${e.keyword} ${e.instancePath} ${JSON.stringify(e.params)}`);
    for (const d of docs) {
      const a = validate(d);
      const b = runtime(d);
      assert.equal(a, b, JSON.stringify(d));
      assert.deepEqual(shape(validate.errors), shape(runtime.errors), JSON.stringify(d));
    }
  });

  it('validates what the current specification added: pre_start hooks, null models, build attestations and no_cache_filter, watch initial_sync', () => {
    const text = [
      'services:',
      '  app:',
      '    build:',
      '      context: .',
      '      no_cache_filter: [deps]',
      '      sbom: true',
      '      provenance: mode=max',
      '    pre_start:',
      '      - command: ["./migrate", "up"]',
      '        image: migrate/migrate',
      '        user: "1000"',
      '        environment: { DB: postgres }',
      '      - command: chown -R 1000 /data',
      '        privileged: true',
      '        per_replica: false',
      '    post_start:',
      '      - command: ./ready.sh',
      '    models:',
      '      llm:',
      '      embed:',
      '        endpoint_var: EMBED_URL',
      '    develop:',
      '      watch:',
      '        - path: ./src',
      '          action: sync+restart',
      '          target: /app/src',
      '          initial_sync: true',
      'models:',
      '  llm:',
      '    model: ai/smollm2',
      '  embed:',
      '    model: ai/mxbai-embed-large',
      '',
    ].join('\n');
    assert.deepEqual(summarize(text), []);
  });

  it('a typo in the new keys is caught, with the right suggestion', () => {
    const d = analyzeCompose('services:\n  app:\n    image: x\n    pre_strat:\n      - command: ./m\n').diagnostics;
    assert.equal(d.length, 1);
    assert.match(d[0].message, /does not allow "pre_strat" \(did you mean "pre_start"\?\)/);
  });

  it('"did you mean": one edit per five letters (a swap is one edit); another word is not a typo', () => {
    const service = ['image', 'restart', 'environment', 'container_name', 'depends_on', 'healthcheck', 'ports', 'volumes', 'post_start', 'pre_start'];
    assert.equal(closest('restsart', service), 'restart');
    assert.equal(closest('imagee', service), 'image');
    assert.equal(closest('contianer_name', service), 'container_name');
    assert.equal(closest('enviroment', service), 'environment');
    assert.equal(closest('port', service), 'ports');
    assert.equal(closest('pre_start', ['restart', 'image']), undefined);
    assert.equal(closest('prestart', service), 'pre_start');
    assert.equal(closest('labels', service), undefined);
    assert.equal(closest('db2', ['db', 'web']), 'db');
    assert.equal(closest('ab', ['xy']), undefined);
  });
});

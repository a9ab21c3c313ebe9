import * as assert from 'node:assert/strict';
import { analyzeCompose } from '../../../../src/compose/language/analyze';
import { definitionAt } from '../../../../src/compose/language/navigation';
import { applyEdits, summarize } from './helpers';

const OLD = [
  '# an old (version 1) file',
  'x-logging: &logging',
  '  driver: json-file',
  'web:',
  '  image: nginx',
  '  restsart: always',
  '  links: [db, cache]',
  '  logging: *logging',
  '  ports:',
  '    - "80:80"',
  '',
  '# the database',
  'db:',
  '  image: postgres',
  '  command: |',
  '    postgres',
  '      -c max_connections=200',
  '  volumes:',
  '    - data:/var/lib/postgresql/data',
  'volumes:',
  '  data: {}',
  '',
].join('\n');

describe('compose language: services at the top level (the old layout)', () => {
  it('one diagnostic naming them, and the entries analysed as services (a typo, an undefined service)', () => {
    const a = analyzeCompose(OLD);
    assert.deepEqual(summarize(OLD), ['4:1 top-level-services "web"', '6:3 schema "restsart"', '7:15 undefined-service "cache"']);
    const d = a.diagnostics[0];
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^These look like services: "web", "db"\. Put them under "services:"/);
    assert.match(a.diagnostics[1].message, /did you mean "restart"/);
    // Navigation follows them as services.
    const def = definitionAt(a.model, OLD.indexOf('[db') + 1);
    assert.equal(def && OLD.slice(def.key.start, def.key.end), 'db');
    assert.equal(def && def.key.start, OLD.indexOf('\ndb:') + 1);
  });

  it('the quick fix wraps them under services: (block scalars, comments and the other sections kept), and the file is then clean of it', () => {
    const a = analyzeCompose(OLD);
    const fix = a.diagnostics[0].fixes[0];
    assert.equal(fix.title, 'Move them under "services:"');
    const fixed = applyEdits(OLD, fix.edits);
    // The header and the volumes: section stay; web and db (with the comment between) move two columns in.
    const lines = OLD.split('\n');
    const moved = lines.slice(3, 19).map((l) => (l ? `  ${l}` : l));
    assert.equal(fixed, [...lines.slice(0, 3), 'services:', ...moved, ...lines.slice(19)].join('\n'));
    assert.deepEqual(summarize(fixed), ['7:5 schema "restsart"', '8:17 undefined-service "cache"']);
    assert.equal((analyzeCompose(fixed).model.services.db.command as string), 'postgres\n  -c max_connections=200\n');
  });

  it('entries that slipped out of a services: section move into it, after its services, at its indentation', () => {
    const text = 'services:\n    web:\n        image: nginx\ndb:\n  image: postgres\nnetworks:\n  n: {}\ncache:\n  image: redis\n';
    const a = analyzeCompose(text);
    assert.deepEqual(summarize(text), ['4:1 top-level-services "db"']);
    const fixed = applyEdits(text, a.diagnostics[0].fixes[0].edits);
    assert.equal(fixed, 'services:\n    web:\n        image: nginx\n    db:\n      image: postgres\n    cache:\n      image: redis\nnetworks:\n  n: {}\n');
    assert.deepEqual(summarize(fixed), []);
  });

  it('CRLF files keep their line ends', () => {
    const text = 'web:\r\n  image: nginx\r\n  ports: ["80:80"]\r\n';
    const fixed = applyEdits(text, analyzeCompose(text).diagnostics[0].fixes[0].edits);
    assert.equal(fixed, 'services:\r\n  web:\r\n    image: nginx\r\n    ports: ["80:80"]\r\n');
  });

  it('what does not look like a service keeps its own message (a misspelt section, a scalar, extensions)', () => {
    const text = 'servics:\n  web:\n    image: nginx\nfoo: bar\nx-anything:\n  image: x\n';
    const d = analyzeCompose(text).diagnostics;
    assert.deepEqual(d.map((x) => x.code), ['schema', 'schema']);
    assert.match(d[0].message, /"servics" \(did you mean "services"\?\)/);
  });
});

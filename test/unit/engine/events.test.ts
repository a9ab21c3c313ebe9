import { strict as assert } from 'node:assert';
import { parseEventLine } from '../../../src/engine/events';
import { LineSplitter } from '../../../src/shared/lines';
import { toEngineError } from '../../../src/engine/errors';
import { negotiateApiVersion } from '../../../src/engine/hosts/client';

describe('event parsing', () => {
  it('parses a modern event', () => {
    const e = parseEventLine('{"Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"web"}},"time":1700000000,"timeNano":1700000000123456789}');
    assert.deepEqual(e, { type: 'container', action: 'start', id: 'abc', attributes: { name: 'web' }, time: 1700000000123 });
  });
  it('strips exec details from the action', () => {
    assert.equal(parseEventLine('{"Type":"container","Action":"exec_start: sh -c ls","Actor":{"ID":"a"}}')?.action, 'exec_start');
  });
  it('ignores blank and broken lines', () => {
    assert.equal(parseEventLine(''), undefined);
    assert.equal(parseEventLine('{"Type":'), undefined);
    assert.equal(parseEventLine('{"Type":"container"}'), undefined);
  });
  it('splits lines across chunks', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('{"a":1}\n{"b"'), ['{"a":1}']);
    assert.deepEqual(s.push(':2}\n'), ['{"b":2}']);
  });
});

describe('engine errors', () => {
  const host = 'unix:///var/run/docker.sock';
  it('connection refused names the host and the setting', () => {
    const e = toEngineError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), host);
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /Docker is not running at unix:\/\/\/var\/run\/docker\.sock — start it or set dockyard\.host/);
  });
  it('permission denied hints at the docker group', () => {
    const e = toEngineError(Object.assign(new Error('EACCES'), { code: 'EACCES' }), host);
    assert.equal(e.kind, 'permission');
    assert.match(e.message, /docker group/);
  });
  it('404 from the engine is notFound with the subject', () => {
    const e = toEngineError({ statusCode: 404, json: { message: 'No such container: x' }, message: '(HTTP code 404) no such container - No such container: x' }, host, 'Container x');
    assert.equal(e.kind, 'notFound');
    assert.equal(e.message, 'Container x: no longer exists (No such container: x).');
  });
  it('409 carries the engine message', () => {
    const e = toEngineError({ statusCode: 409, message: '(HTTP code 409) unexpected - volume is in use - [abc]' }, host, 'Volume v');
    assert.equal(e.kind, 'conflict');
    assert.equal(e.message, 'Volume v: volume is in use - [abc]');
  });
});

describe('API version negotiation', () => {
  it('caps at ours, keeps older engines', () => {
    assert.equal(negotiateApiVersion('1.41'), '1.41');
    assert.equal(negotiateApiVersion('1.99'), '1.45');
    assert.equal(negotiateApiVersion(undefined), undefined);
  });
});

import * as assert from 'node:assert/strict';
import {
  DEFAULT_LOG_LINES, MAX_LOG_LINES, MAX_ROWS, readContainerActionInput, readFileInput, readImageInput, readInspectInput, readListInput,
  readLogsInput, readRunInput, ToolInputError,
} from '../../../src/lmTools/input';

/** Asserts fn throws a ToolInputError whose message matches. */
function refuses(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof ToolInputError && message.test(e.message));
}

describe('language-model tool input', () => {
  it('lists: defaults, filters and bounds', () => {
    assert.deepEqual(readListInput('containers', {}), { engine: undefined, name: undefined, all: true, limit: MAX_ROWS });
    assert.deepEqual(readListInput('containers', undefined), { engine: undefined, name: undefined, all: true, limit: MAX_ROWS });
    assert.deepEqual(readListInput('containers', { engine: 'prod', name: ' web ', all: false, limit: 5 }), { engine: 'prod', name: 'web', all: false, limit: 5 });
    refuses(() => readListInput('containers', { limit: 201 }), /"limit" must be between 1 and 200/);
    refuses(() => readListInput('containers', { limit: 2.5 }), /whole number/);
    refuses(() => readListInput('containers', { all: 'yes' }), /"all" must be true or false/);
    refuses(() => readListInput('images', { all: true }), /Unknown input field\(s\): all/);
    refuses(() => readListInput('volumes', [1]), /JSON object/);
    refuses(() => readListInput('networks', { name: 'x'.repeat(2000) }), /longer than 1024/);
    refuses(() => readListInput('networks', { name: 3 }), /"name" must be a string/);
  });

  it('logs: tail and since are bounded and parsed', () => {
    const now = Date.UTC(2024, 4, 1, 12, 0, 0);
    assert.equal(readLogsInput({ container: 'web' }).tail, DEFAULT_LOG_LINES);
    const r = readLogsInput({ container: 'web', tail: MAX_LOG_LINES, since: '10m' }, now);
    assert.equal(r.tail, MAX_LOG_LINES);
    assert.equal(r.since, String(now / 1000 - 600));
    assert.equal(r.sinceText, '10m');
    refuses(() => readLogsInput({ container: 'web', tail: MAX_LOG_LINES + 1 }), /"tail" must be between 1 and 1000/);
    refuses(() => readLogsInput({ container: 'web', tail: 0 }), /"tail"/);
    refuses(() => readLogsInput({ container: 'web', since: 'yesterday-ish' }), /"since"/);
    refuses(() => readLogsInput({}), /"container" is required/);
    refuses(() => readLogsInput({ container: 'bad name' }), /not a container name or id/);
    refuses(() => readLogsInput({ container: 'web; rm -rf /' }), /not a container name or id/);
  });

  it('containers are named or given by id', () => {
    assert.equal(readContainerActionInput('stop', { container: 'a1b2c3d4e5f6' }).container, 'a1b2c3d4e5f6');
    assert.equal(readContainerActionInput('stop', { container: '/web' }).container, 'web');
    refuses(() => readContainerActionInput('stop', { container: 'web', force: true }), /Unknown input field\(s\): force/);
    assert.equal(readContainerActionInput('remove', { container: 'web', force: true }).force, true);
    assert.equal(readContainerActionInput('remove', { container: 'web' }).force, false);
    refuses(() => readContainerActionInput('start', { container: '' }), /"container" is required/);
  });

  it('inspect: kind and target checked per kind', () => {
    assert.deepEqual(readInspectInput({ kind: 'network', target: 'bridge' }), { engine: undefined, kind: 'network', target: 'bridge' });
    assert.equal(readInspectInput({ kind: 'image', target: 'busybox:latest' }).target, 'busybox:latest');
    assert.equal(readInspectInput({ kind: 'image', target: 'sha256:' + 'a'.repeat(64) }).target, 'sha256:' + 'a'.repeat(64));
    refuses(() => readInspectInput({ kind: 'service', target: 'x' }), /"kind" must be one of container, image, volume, network/);
    refuses(() => readInspectInput({ kind: 'image', target: 'Busybox' }), /"target" is not an image reference or id/);
    refuses(() => readInspectInput({ kind: 'volume', target: 'a' }), /"target" is not a volume name/);
    refuses(() => readInspectInput({ kind: 'network', target: '../etc' }), /"target" is not a network name/);
  });

  it('images and files', () => {
    assert.equal(readImageInput({ image: 'localhost:5000/app:1.0' }).image, 'localhost:5000/app:1.0');
    refuses(() => readImageInput({ image: 'app:' }), /"image"/);
    assert.equal(readFileInput({ path: 'Dockerfile' }).path, 'Dockerfile');
    refuses(() => readFileInput({}), /"path" is required/);
    refuses(() => readFileInput({ path: 'a\0b' }), /NUL/);
  });

  it('run: every field validated before the engine', () => {
    const r = readRunInput({ image: 'busybox', name: 'web', ports: ['8080:80', '127.0.0.1::53/udp'], env: ['A=1', 'TOKEN=s'], command: 'sh -c "sleep 5"' });
    assert.deepEqual(r, { engine: undefined, image: 'busybox', name: 'web', ports: ['8080:80', '127.0.0.1::53/udp'], env: ['A=1', 'TOKEN=s'], command: ['sh', '-c', 'sleep 5'] });
    refuses(() => readRunInput({ image: 'busybox', name: 'a' }), /"name": Container names are at least two characters/);
    refuses(() => readRunInput({ image: 'busybox', ports: ['99999:80'] }), /"ports" entry "99999:80"/);
    refuses(() => readRunInput({ image: 'busybox', ports: '8080:80' }), /"ports" must be a list of strings/);
    refuses(() => readRunInput({ image: 'busybox', env: ['NOEQUALS'] }), /"env" entry/);
    refuses(() => readRunInput({ image: 'busybox', command: 'sh -c "unterminated' }), /"command"/);
    refuses(() => readRunInput({ image: 'busybox', ports: Array.from({ length: 51 }, (_, i) => String(1000 + i)) }), /more than 50 entries/);
    refuses(() => readRunInput({ image: 'busybox', detach: false }), /Unknown input field\(s\): detach/);
    refuses(() => readRunInput({ name: 'web' }), /"image" is required/);
  });
});

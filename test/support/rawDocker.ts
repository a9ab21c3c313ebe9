// Tests' own view of an engine: a separate dockerode client on the same host as an Engine, for
// arranging and checking what the code under test did (create a container behind its back, read
// what it wrote). Code under test is always driven through the public Engine; its private
// dockerode handle is never touched.
import Dockerode from 'dockerode';
import type { Engine } from '../../src/engine/engine';
import { dockerodeOptions } from '../../src/engine/hosts/client';

const clients = new WeakMap<Engine, Dockerode>();

export function rawDocker(engine: Engine): Dockerode {
  let d = clients.get(engine);
  if (!d) {
    d = new Dockerode(dockerodeOptions(engine.resolved, engine.env));
    clients.set(engine, d);
  }
  return d;
}

/** Runs fn with the raw client of the engine's host. */
export function withDocker<T>(engine: Engine, fn: (d: Dockerode) => Promise<T>): Promise<T> {
  return fn(rawDocker(engine));
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SwitchGate } from './switch-gate.js';

/**
 * Every request of `app`'s scope holds the gate open from its start to its answer, so a run's
 * commit waits for it and it never reads across a commit.
 */
export function holdGate(app: FastifyInstance, gate: SwitchGate): void {
  const held = new WeakMap<FastifyRequest, () => void>();
  const release = (request: FastifyRequest) => {
    held.get(request)?.();
    held.delete(request);
  };
  app.addHook('onRequest', async (request) => {
    held.set(request, await gate.enter());
  });
  app.addHook('onResponse', (request, _reply, done) => {
    release(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    release(request);
    done();
  });
}

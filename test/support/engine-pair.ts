import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { dropSchema, freshSchemaName } from './postgres-test-server.js';

/** The two engines a cross-engine test compares, opened before its tests and closed after. */
export interface EnginePair {
  readonly duck: Engine;
  readonly pg: Engine;
  readonly schema: string;
}

export function openEnginePair(url: string): Promise<EnginePair> {
  const schema = freshSchemaName();
  return Promise.all([
    openEngine({ kind: 'duckdb', path: ':memory:', memoryLimit: '1GB', threads: 1 }),
    openEngine({ kind: 'postgres', url, schema }),
  ]).then(([duck, pg]) => ({ duck, pg, schema }));
}

export async function closeEnginePair(url: string, pair: EnginePair): Promise<void> {
  await Promise.all([pair.duck.close(), pair.pg.close()]);
  await dropSchema(url, pair.schema);
}

/** An engine pair for the enclosing describe block; read `.current` inside tests. */
export function useEnginePair(url: string): { readonly current: EnginePair } {
  let pair: EnginePair | undefined;
  beforeAll(async () => {
    pair = await openEnginePair(url);
  });
  afterAll(async () => {
    if (pair) await closeEnginePair(url, pair);
  });
  return {
    get current(): EnginePair {
      if (!pair) throw new Error('the engine pair is not open (beforeAll failed?)');
      return pair;
    },
  };
}

import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loopTurns, runStepsWithTurns } from './loop-turns.js';

/** Holds the thread for `ms`, as a run's parsing or scoring does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('loopTurns', () => {
  it('resolves at once within a slice, and hands the loop a turn once the slice has run out', async () => {
    const turn = loopTurns(50);
    expect(turn()).toBeUndefined();
    busy(60);
    let ran = false;
    void nextTurn().then(() => (ran = true));
    await turn();
    expect(ran).toBe(true);
    expect(turn()).toBeUndefined();
  });
});

describe('runStepsWithTurns', () => {
  it('lets waiting callbacks run between the steps of a long computation', async () => {
    const ticks: number[] = [];
    let stepsDone = 0;
    function* work(): Generator<void, string, void> {
      for (let i = 0; i < 20; i++) {
        busy(10);
        stepsDone++;
        yield;
      }
      return 'done';
    }
    const ticker = setInterval(() => ticks.push(stepsDone), 0);
    try {
      // 200 ms of work in 10 ms steps: without turns no tick runs before it ends.
      expect(await runStepsWithTurns(work())).toBe('done');
    } finally {
      clearInterval(ticker);
    }
    expect(ticks.some((done) => done < 20)).toBe(true);
  });
});

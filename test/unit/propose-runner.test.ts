// Pairing proposals in their worker: the same answer as in process, and the event loop keeps turning meanwhile.
import { describe, expect, it } from 'vitest';
import { contrivedRound, randomRound } from '../../bench/pairing-bench.ts';
import { proposePairs } from '../../src/planning/pairing/index.ts';
import { proposeInWorker } from '../../src/pairings/propose-runner.ts';
import { longestPause } from '../event-loop.ts';

describe('proposeInWorker', () => {
  it('answers as proposePairs does', async () => {
    const round = randomRound(41, 7);
    expect(await proposeInWorker(round)).toEqual(proposePairs(round));
  });

  it('keeps the event loop turning during a slow search, which stops at its time limit with the best found', async () => {
    const round = contrivedRound(121, 1, 10, 3);
    await proposeInWorker(randomRound(5, 1)); // the worker is up
    const started = performance.now();
    let answer: Awaited<ReturnType<typeof proposeInWorker>> | undefined;
    const pause = await longestPause(async () => {
      answer = await proposeInWorker(round, 300);
    });
    const took = performance.now() - started;
    expect(answer).toMatchObject({ ok: true });
    // The search really ran into its limit (it stops early when the next matching would overrun it)…
    expect(answer!.ok && answer!.proposal.boundUnits).toBeGreaterThan(0);
    expect(pause).toBeLessThan(Math.min(200, took / 2)); // …while timers kept firing here
  }, 30_000);
});

// Pairing proposals in their worker: the same answer as in process, and the event loop keeps turning meanwhile.
import { describe, expect, it } from 'vitest';
import { contrivedRound, randomRound } from '../../bench/pairing-bench.ts';
import { proposePairs } from '../../src/planning/pairing/index.ts';
import { proposeInWorker } from '../../src/pairings/propose-runner.ts';

/** The longest pause between ticks of a 5 ms timer while `work` runs. */
async function longestPause(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

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

// The request gate of src/http/turns.ts: requests start in arrival order, one per turn of the event loop,
// so a turn is about one request long and Node accepts new connections in between.
import { describe, expect, it } from 'vitest';
import { oneStartPerTurn } from '../../src/http/turns.ts';

describe('oneStartPerTurn', () => {
  it('starts calls in the order they came, each on a later turn of the event loop than the one before', async () => {
    const events: string[] = [];
    let turn = 0;
    // A counter moved once per turn: an immediate that re-queues itself runs once in every check phase.
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const startedOn: number[] = [];
    const handler = oneStartPerTurn(async (name: string) => {
      startedOn.push(turn);
      events.push(`start ${name}`);
      await Promise.resolve();
      events.push(`end ${name}`);
      return name.toUpperCase();
    });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((n) => handler(n)));
    ticking = false;
    expect(results).toEqual(['A', 'B', 'C', 'D']);
    expect(events.filter((e) => e.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
    // A request that finishes without real I/O ends before the next one starts: one request per turn.
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
    for (let i = 1; i < startedOn.length; i++) expect(startedOn[i]).toBeGreaterThan(startedOn[i - 1]);
  });

  it('lets a request that waits for real I/O be overtaken: the next one starts on the next turn, not after it', async () => {
    const order: string[] = [];
    const handler = oneStartPerTurn(async (name: string, waitMs: number) => {
      order.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, waitMs));
      order.push(`end ${name}`);
    });
    await Promise.all([handler('slow', 30), handler('quick', 0)]);
    expect(order).toEqual(['start slow', 'start quick', 'end quick', 'end slow']);
  });

  it('passes a handler\'s error to its caller and keeps serving the others', async () => {
    const handler = oneStartPerTurn(async (fail: boolean) => {
      if (fail) throw new Error('broken');
      return 'ok';
    });
    const [a, b] = await Promise.allSettled([handler(true), handler(false)]);
    expect(a).toMatchObject({ status: 'rejected', reason: { message: 'broken' } });
    expect(b).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(await handler(false)).toBe('ok');
  });
});

// The work-split planner in a worker thread answers exactly as the in-process solve.
import { describe, expect, it } from 'vitest';
import { solveWorkSplit, type WorkSplitInput, type WorkSplitProgress } from '../../src/planning/work-split/index.ts';
import { planWorkSplitInWorker } from '../../src/planning/work-split-runner.ts';

const input: WorkSplitInput = {
  members: [
    { id: 1, name: 'Ann', capacity: 8, committed: 2, levels: { 1: 5, 2: 3 }, interests: { 3: 2 } },
    { id: 2, name: 'Bob', capacity: 6, levels: { 1: 3, 3: 4 }, interests: { 2: 3 } },
    { id: 3, name: 'Cid', capacity: 10, levels: { 2: 4 }, interests: { 1: 3, 3: 3 } },
  ],
  items: [
    { id: 1, title: 'Distil the retriever', effort: 5, priority: 'high', requirements: [{ areaId: 1, minLevel: 4 }] },
    { id: 2, title: 'Label the care calls', effort: 4, priority: 'normal', requirements: [{ areaId: 2, minLevel: 3 }] },
    { id: 3, title: 'Dialogue control demo', effort: 3, priority: 'low', requirements: [{ areaId: 3, minLevel: 4 }] },
    { id: 4, title: 'Seq2seq survey', effort: 6, priority: 'normal', requirements: [{ areaId: 1, minLevel: 5 }, { areaId: 3, minLevel: 2 }] },
  ],
  pins: { 2: 3 },
  exclusions: [{ itemId: 3, memberId: 1 }],
  buddies: true,
  areaNames: { 1: 'seq2seq LM', 2: 'generative pseudo labeling', 3: 'controllable dialogue generation' },
};

describe('planWorkSplitInWorker', () => {
  it('returns the in-process result and reports its phases', async () => {
    const phases: WorkSplitProgress['phase'][] = [];
    const inWorker = await planWorkSplitInWorker(input, { timeLimitSec: 10, onProgress: (p) => phases.push(p.phase) });
    const inProcess = await solveWorkSplit(input, { timeLimitSec: 10 });

    expect({ ...inWorker, seconds: 0 }).toEqual({ ...inProcess, seconds: 0 });
    expect(inWorker.assignments.length).toBeGreaterThan(0);
    expect(phases.filter((p) => p !== 'progress')).toEqual(['started', 'building', 'solving', 'done']);
  });

  it('rejects with the reason when the solve fails', async () => {
    const broken = { ...input, items: [{ ...input.items[0], effort: 0 }] };
    await expect(planWorkSplitInWorker(broken, { timeLimitSec: 10 })).rejects.toThrow(/effort 0; it must be > 0/);
  });
});

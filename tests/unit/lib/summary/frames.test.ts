import { describe, expect, it } from 'vitest';
import { isFrameCodes, isTabCommand, tabCommand } from '../../../../lib/commands';
import { allMarks, occurrences, revealTarget, type FrameMarks } from '../../../../lib/summary/frames';
import { summarizePage } from '../../../../lib/summary/page';

const m = (code: string, modifiers: string[] = [], units: number | null = null) => ({ code, modifiers, units });

// A charge screen (top frame) with its itemized charges in an embedded frame (7) and a nested one (12).
const frames: FrameMarks[] = [
  { frameId: 0, marks: [m('99214', ['25']), m('99213'), m('99214', ['25'])] },
  { frameId: 7, marks: [m('99284'), m('99214', ['25']), m('J1885', [], 2)] },
  { frameId: 12, marks: [m('99213'), m('99214', ['25'])] },
];

describe('frames of a tab', () => {
  it('counts each key frame by frame, in the order the frames are given', () => {
    const occ = occurrences(frames);
    expect(occ.get('99214-25')).toEqual([
      { frameId: 0, count: 2 },
      { frameId: 7, count: 1 },
      { frameId: 12, count: 1 },
    ]);
    expect(occ.get('99213')).toEqual([
      { frameId: 0, count: 1 },
      { frameId: 12, count: 1 },
    ]);
    expect(occ.get('99284')).toEqual([{ frameId: 7, count: 1 }]);
    // Keys as the summary's: modifiers normalised.
    expect(occurrences([{ frameId: 3, marks: [m('99214', ['25 ']), m('99214', ['25'])] }]).get('99214-25')).toEqual([{ frameId: 3, count: 2 }]);
  });

  it('reveals every occurrence of a key in turn across frames, then starts over', () => {
    const occ = occurrences(frames);
    const clicks = [0, 1, 2, 3, 4].map((n) => revealTarget(occ, '99214-25', n));
    expect(clicks).toEqual([
      { frameId: 0, index: 0 },
      { frameId: 0, index: 1 },
      { frameId: 7, index: 0 },
      { frameId: 12, index: 0 },
      { frameId: 0, index: 0 },
    ]);
  });

  it("leaves a key held by one frame to that frame's own stepping (no index), and finds no frame for an unknown key", () => {
    const occ = occurrences(frames);
    expect(revealTarget(occ, '99284', 0)).toEqual({ frameId: 7 });
    expect(revealTarget(occ, '99284', 5)).toEqual({ frameId: 7 });
    expect(revealTarget(occurrences([frames[0]!]), '99214-25', 1)).toEqual({ frameId: 0 });
    expect(revealTarget(occ, '00000', 0)).toBeNull();
  });

  it('summarises all frames as one page: counts and units add up across frames', () => {
    const s = summarizePage(allMarks(frames), new Map());
    const row = (key: string) => s.rows.find((r) => r.key === key);
    expect(row('99214-25')?.count).toBe(4);
    expect(row('99213')?.count).toBe(2);
    expect(row('J1885')?.units).toBe(2);
    expect(s.rows.map((r) => r.key)).toEqual(['99214-25', '99213', '99284', 'J1885']);
  });
});

describe('a frame report (page-codes from a frame other than the top one)', () => {
  const good = { rvuLensFrameCodes: 1, url: 'https://ehr.example/charges', frames: 0, marks: [m('99213'), m('99214', ['25'], 2)] };

  it('is read when well formed', () => {
    expect(isFrameCodes(good)).toBe(true);
    expect(isFrameCodes({ ...good, marks: [] })).toBe(true);
  });

  it('is turned down when malformed, oversized or not ours', () => {
    const bad: unknown[] = [
      null,
      'page-codes',
      { ...good, rvuLensFrameCodes: 2 },
      { ...good, rvuLensCommand: 1, rvuLensFrameCodes: undefined },
      { ...good, url: 42 },
      { ...good, marks: 'x' },
      { ...good, marks: [{ code: 99213, modifiers: [], units: null }] },
      { ...good, marks: [{ code: '99213', modifiers: '25', units: null }] },
      { ...good, marks: [{ code: '99213', modifiers: [25], units: null }] },
      { ...good, marks: [{ code: '99213', modifiers: [], units: Number.NaN }] },
      { ...good, marks: [{ code: '99213', modifiers: [], units: '1' }] },
      { ...good, marks: [{ code: 'x'.repeat(17), modifiers: [], units: null }] },
      { ...good, marks: [null] },
      { ...good, marks: new Array(200_001).fill(m('99213')) },
    ];
    for (const b of bad) expect(isFrameCodes(b), JSON.stringify(b)?.slice(0, 80)).toBe(false);
  });

  it('is not a tab command, and a tab command is not a frame report', () => {
    expect(isTabCommand(good)).toBe(false);
    expect(isFrameCodes(tabCommand('page-codes'))).toBe(false);
  });
});

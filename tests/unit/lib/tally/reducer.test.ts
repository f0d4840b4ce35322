// tallyReducer: add / remove / update note / update / clear / setRelease / undo with a bounded
// history; no-op actions keep the same state object; the input state is never mutated.
import { describe, expect, it } from 'vitest';
import { TALLY_HISTORY_LIMIT, canUndo, emptyTally, newTallyItem, tallyReducer, type TallyAction, type TallyState } from '../../../../lib/tally/reducer';

const NOW = new Date('2026-03-01T14:05:00.000Z');
const item = (id: string, code = '99213', extra: Parameters<typeof newTallyItem>[0] extends infer T ? Partial<T> : never = {}) =>
  newTallyItem({ code, ...extra }, id, NOW);
const run = (actions: TallyAction[], s: TallyState = emptyTally()) => actions.reduce(tallyReducer, s);

describe('newTallyItem', () => {
  it('normalises', () => {
    expect(newTallyItem({ code: ' 27447 ', modifiers: ['rt', 'RT', ' 51'], note: '  ', encounter: ' A ' }, 'x', NOW)).toEqual({
      id: 'x', code: '27447', modifiers: ['RT', '51'], units: 1, addedAt: '2026-03-01T14:05:00.000Z', encounter: 'A',
    });
  });
});

describe('tallyReducer', () => {
  it('add, addMany (one undo step), duplicates and invalid units ignored', () => {
    const s = run([{ type: 'add', item: item('a') }, { type: 'addMany', items: [item('b', '27447'), item('a'), { ...item('c'), units: 0 }] }]);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(s.history).toHaveLength(2);
    expect(tallyReducer(s, { type: 'add', item: item('a') })).toBe(s);
    expect(tallyReducer(s, { type: 'add', item: { ...item('z'), units: 1.5 } })).toBe(s);
  });

  it('remove, updateNote, update, clear, undo step by step', () => {
    const s1 = run([{ type: 'add', item: item('a') }, { type: 'add', item: item('b', '29881') }]);
    const s2 = tallyReducer(s1, { type: 'updateNote', id: 'b', note: ' left knee ' });
    expect(s2.items[1]!.note).toBe('left knee');
    const s3 = tallyReducer(s2, { type: 'update', id: 'b', patch: { units: 2, modifiers: ['lt'], encounter: 'OR 1' } });
    expect(s3.items[1]).toMatchObject({ units: 2, modifiers: ['LT'], encounter: 'OR 1', note: 'left knee' });
    const s4 = tallyReducer(s3, { type: 'updateNote', id: 'b', note: '' });
    expect(s4.items[1]!).not.toHaveProperty('note');
    const s5 = tallyReducer(s4, { type: 'remove', id: 'a' });
    expect(s5.items.map((i) => i.id)).toEqual(['b']);
    const s6 = tallyReducer(s5, { type: 'clear' });
    expect(s6.items).toEqual([]);
    const back = [s5, s4, s3, s2, s1];
    let u = s6;
    for (const want of back) {
      u = tallyReducer(u, { type: 'undo' });
      expect(u.items).toEqual(want.items);
    }
  });

  it('no-ops return the same object', () => {
    const s = run([{ type: 'add', item: item('a') }]);
    for (const a of [
      { type: 'remove', id: 'nope' },
      { type: 'updateNote', id: 'nope', note: 'x' },
      { type: 'update', id: 'a', patch: { units: 0 } },
      { type: 'update', id: 'a', patch: { code: ' ' } },
      { type: 'update', id: 'a', patch: { units: 1 } },
      { type: 'setRelease', release: null },
    ] as TallyAction[]) expect(tallyReducer(s, a)).toBe(s);
    expect(tallyReducer(emptyTally(), { type: 'clear' }).history).toEqual([]);
    const e = emptyTally();
    expect(tallyReducer(e, { type: 'undo' })).toBe(e);
  });

  it('setRelease is undoable', () => {
    const s = run([{ type: 'setRelease', release: 'RVU25D' }]);
    expect(s.release).toBe('RVU25D');
    expect(tallyReducer(s, { type: 'undo' }).release).toBeNull();
  });

  it(`keeps at most ${TALLY_HISTORY_LIMIT} undo steps`, () => {
    const acts: TallyAction[] = Array.from({ length: 30 }, (_, i) => ({ type: 'add', item: item(`i${i}`) }));
    let s = run(acts);
    expect(s.history).toHaveLength(TALLY_HISTORY_LIMIT);
    let n = 0;
    while (canUndo(s)) {
      s = tallyReducer(s, { type: 'undo' });
      n++;
    }
    expect(n).toBe(TALLY_HISTORY_LIMIT);
    expect(s.items).toHaveLength(10);
  });

  it('does not mutate its input; load clears history', () => {
    const s = run([{ type: 'add', item: item('a') }]);
    const frozen = JSON.stringify(s);
    tallyReducer(s, { type: 'update', id: 'a', patch: { note: 'x' } });
    tallyReducer(s, { type: 'remove', id: 'a' });
    expect(JSON.stringify(s)).toBe(frozen);
    const l = tallyReducer(s, { type: 'load', items: [item('q'), { ...item('r'), units: -1 }], release: 'RVU26C' });
    expect(l).toEqual({ items: [item('q')], release: 'RVU26C', history: [] });
  });
});

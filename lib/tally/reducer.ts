/**
 * The tally's state and reducer: add / remove / update / clear / undo, and the release whose RVUs the
 * tally uses. Pure: the caller creates ids and dates (see {@link newTallyItem}) and persists the state.
 * Every change pushes the previous snapshot on a bounded history (the last {@link TALLY_HISTORY_LIMIT}
 * changes can be undone); an action that changes nothing (unknown id, invalid units, duplicate id)
 * returns the same state object and records no history.
 */
import type { TallyItem } from './types';

/** How many changes can be undone. */
export const TALLY_HISTORY_LIMIT = 20;

/** What undo restores. */
export interface TallySnapshot {
  items: TallyItem[];
  /** Release id whose RVUs the tally uses ("RVU25D"); null = the newest loaded release. */
  release: string | null;
}

export interface TallyState extends TallySnapshot {
  /** Previous snapshots, oldest first, at most {@link TALLY_HISTORY_LIMIT}. */
  history: TallySnapshot[];
}

/** Fields of an item that can be edited after it was added. */
export type TallyItemPatch = Partial<Pick<TallyItem, 'note' | 'units' | 'modifiers' | 'encounter' | 'code'>>;

export type TallyAction =
  | { type: 'add'; item: TallyItem }
  | { type: 'addMany'; items: readonly TallyItem[] }
  | { type: 'remove'; id: string }
  | { type: 'updateNote'; id: string; note: string }
  | { type: 'update'; id: string; patch: TallyItemPatch }
  | { type: 'setRelease'; release: string | null }
  | { type: 'clear' }
  | { type: 'undo' }
  /** Replace everything (hydrate from storage); clears the history. */
  | { type: 'load'; items: readonly TallyItem[]; release?: string | null };

/** An empty tally. */
export const emptyTally = (): TallyState => ({ items: [], release: null, history: [] });

const validUnits = (u: number): boolean => Number.isInteger(u) && u >= 1;

/** Normalise an item: code and modifiers upper case, note/encounter trimmed (empty → absent). */
function clean(item: TallyItem): TallyItem {
  const out: TallyItem = {
    id: item.id,
    code: item.code.trim().toUpperCase(),
    modifiers: [...new Set(item.modifiers.map((m) => m.trim().toUpperCase()).filter(Boolean))],
    units: item.units,
    addedAt: item.addedAt,
  };
  const note = item.note?.trim();
  if (note) out.note = note;
  const enc = item.encounter?.trim();
  if (enc) out.encounter = enc;
  return out;
}

/** Build an item (pure: pass the id and the time). */
export function newTallyItem(
  input: { code: string; modifiers?: readonly string[]; units?: number | null; note?: string; encounter?: string },
  id: string,
  now: Date,
): TallyItem {
  return clean({
    id,
    code: input.code,
    modifiers: [...(input.modifiers ?? [])],
    units: input.units ?? 1,
    addedAt: now.toISOString(),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.encounter !== undefined ? { encounter: input.encounter } : {}),
  });
}

function commit(state: TallyState, next: TallySnapshot): TallyState {
  const history = [...state.history, { items: state.items, release: state.release }];
  while (history.length > TALLY_HISTORY_LIMIT) history.shift();
  return { items: next.items, release: next.release, history };
}

/** The reducer. Pure; never mutates `state`. */
export function tallyReducer(state: TallyState, action: TallyAction): TallyState {
  switch (action.type) {
    case 'add':
      return tallyReducer(state, { type: 'addMany', items: [action.item] });
    case 'addMany': {
      const ids = new Set(state.items.map((i) => i.id));
      const added: TallyItem[] = [];
      for (const it of action.items) {
        if (ids.has(it.id) || !validUnits(it.units) || !it.code.trim()) continue;
        ids.add(it.id);
        added.push(clean(it));
      }
      if (added.length === 0) return state;
      return commit(state, { items: [...state.items, ...added], release: state.release });
    }
    case 'remove': {
      if (!state.items.some((i) => i.id === action.id)) return state;
      return commit(state, { items: state.items.filter((i) => i.id !== action.id), release: state.release });
    }
    case 'updateNote':
      return tallyReducer(state, { type: 'update', id: action.id, patch: { note: action.note } });
    case 'update': {
      const idx = state.items.findIndex((i) => i.id === action.id);
      const old = state.items[idx];
      if (!old) return state;
      const p = action.patch;
      if (p.units !== undefined && !validUnits(p.units)) return state;
      if (p.code !== undefined && !p.code.trim()) return state;
      const next = clean({ ...old, ...p });
      if (p.note !== undefined && !next.note) delete next.note;
      if (p.encounter !== undefined && !next.encounter) delete next.encounter;
      if (JSON.stringify(next) === JSON.stringify(old)) return state;
      const items = state.items.slice();
      items[idx] = next;
      return commit(state, { items, release: state.release });
    }
    case 'setRelease':
      if (action.release === state.release) return state;
      return commit(state, { items: state.items, release: action.release });
    case 'clear':
      if (state.items.length === 0) return state;
      return commit(state, { items: [], release: state.release });
    case 'undo': {
      const prev = state.history[state.history.length - 1];
      if (!prev) return state;
      return { items: prev.items, release: prev.release, history: state.history.slice(0, -1) };
    }
    case 'load':
      return { items: action.items.filter((i) => validUnits(i.units)).map(clean), release: action.release ?? null, history: [] };
  }
}

/** Whether undo would change anything. */
export const canUndo = (state: TallyState): boolean => state.history.length > 0;

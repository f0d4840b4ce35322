/**
 * A tab's codes frame by frame: the page summary reads every frame's marks (an EHR screen often
 * shows its charges in an embedded frame), and a click on a line reveals the code's occurrences
 * in turn across the frames that hold it. Pure.
 */
import { summaryKey, type PageMark } from './page';

/** The marks one frame of the tab reported (frame 0: the top frame), in document order. */
export interface FrameMarks {
  frameId: number;
  marks: readonly PageMark[];
}

/** Per summary key, how many occurrences each frame holds, in the order the frames are given. */
export type Occurrences = Map<string, Array<{ frameId: number; count: number }>>;

export function occurrences(frames: readonly FrameMarks[]): Occurrences {
  const out: Occurrences = new Map();
  for (const { frameId, marks } of frames) {
    for (const m of marks) {
      const key = summaryKey(m.code, m.modifiers);
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      const last = list[list.length - 1];
      if (last?.frameId === frameId) last.count++;
      else list.push({ frameId, count: 1 });
    }
  }
  return out;
}

/**
 * Where the `n`-th click (0-based) on a key's line should take the user: the frame and which of
 * that frame's occurrences (0-based), going through every occurrence of every frame in turn and
 * starting over. A key held by one frame only gets no index: that frame's content script steps
 * from the occurrence last shown, as it does for a page without frames. Null for a key no frame holds.
 */
export function revealTarget(occ: Occurrences, key: string, n: number): { frameId: number; index?: number } | null {
  const list = occ.get(key);
  if (!list?.length) return null;
  if (list.length === 1) return { frameId: list[0]!.frameId };
  const total = list.reduce((s, f) => s + f.count, 0);
  let i = ((n % total) + total) % total;
  for (const f of list) {
    if (i < f.count) return { frameId: f.frameId, index: i };
    i -= f.count;
  }
  return null;
}

/** Every frame's marks as one list: the top frame's first, then the others in the order given. */
export function allMarks(frames: readonly FrameMarks[]): PageMark[] {
  return frames.flatMap((f) => f.marks);
}

/**
 * The popup's view of the tally: the priced report from the background, the releases it can use,
 * the multiple-procedure option (remembered in the popup's localStorage), and actions. Actions are
 * sent one after another so replies apply in order.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CodeRequest } from '../../lib/card';
import { sendMessage, type ReleaseSummary, type TallyReport } from '../../lib/messaging';
import { newTallyItem, type TallyAction } from '../../lib/tally/reducer';

const MPP_KEY = 'rvu-lens.tally.applyMpp';

export interface TallyClient {
  report: TallyReport | null;
  error: string | null;
  releases: ReleaseSummary[];
  applyMpp: boolean;
  setApplyMpp: (on: boolean) => void;
  act: (action: TallyAction) => Promise<void>;
  /** Add codes (ids and dates are made here). */
  add: (items: readonly CodeRequest[]) => Promise<void>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function storedMpp(): boolean {
  try {
    return localStorage.getItem(MPP_KEY) === '1';
  } catch {
    return false;
  }
}

export function useTally(reloadKey: number): TallyClient {
  const [report, setReport] = useState<TallyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [releases, setReleases] = useState<ReleaseSummary[]>([]);
  const [applyMpp, setMpp] = useState(storedMpp);
  const mppRef = useRef(applyMpp);
  mppRef.current = applyMpp;
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const run = useCallback((job: () => Promise<TallyReport>): Promise<void> => {
    const next = queue.current.then(job).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (e: unknown) => setError(message(e)),
    );
    queue.current = next;
    return next;
  }, []);

  useEffect(() => {
    void run(() => sendMessage('getTally', { applyMpp: mppRef.current }));
  }, [reloadKey, applyMpp, run]);

  useEffect(() => {
    let live = true;
    sendMessage('listReleases').then(
      (r) => live && setReleases(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reloadKey]);

  const setApplyMpp = useCallback((on: boolean) => {
    try {
      localStorage.setItem(MPP_KEY, on ? '1' : '0');
    } catch {
      /* private mode: the option lasts for this popup only */
    }
    setMpp(on);
  }, []);

  const act = useCallback((action: TallyAction) => run(() => sendMessage('tallyAction', { action, applyMpp: mppRef.current })), [run]);

  const add = useCallback(
    (items: readonly CodeRequest[]) => {
      const now = new Date();
      const all = items.map((r) => newTallyItem({ code: r.code, modifiers: (r.modifiers ?? []).slice(0, 4), units: Math.min(999, Math.max(1, r.units ?? 1)) }, crypto.randomUUID(), now));
      // The background takes at most 500 items per message.
      const jobs: Promise<void>[] = [];
      for (let i = 0; i < all.length; i += 500) jobs.push(act({ type: 'addMany', items: all.slice(i, i + 500) }));
      return Promise.all(jobs).then(() => undefined);
    },
    [act],
  );

  return { report, error, releases, applyMpp, setApplyMpp, act, add };
}

/**
 * The popup's "This page" view: asks the tab's content scripts for the codes they marked
 * (`page-codes`: the top frame answers, every other frame sends its own), prices each distinct
 * code + modifiers once with `lookupCodes` (one unit, at the user's locality and setting;
 * modifier rules applied by the card), and renders lib/summary's summarizePage over all frames.
 * A click on a line asks the frame holding that code's next occurrence to `reveal` it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PageSummaryView } from '../../components/page-summary';
import type { CodeCard, CodeRequest } from '../../lib/card';
import { isFrameCodes, tabCommand, type PageCodes } from '../../lib/commands';
import { sendMessage } from '../../lib/messaging';
import { otherScheduleOf } from '../../lib/schedules/describe';
import { allMarks, occurrences, revealTarget, type FrameMarks, type Occurrences } from '../../lib/summary/frames';
import { pageSummaryCsv, pageSummaryTsv, summarizePage, summaryKey, type PageMark, type SummaryCard, type SummaryRow } from '../../lib/summary/page';
import { targetTabId } from './target-tab';

const BATCH = 500;
/** How long the other frames' codes are waited for after the top frame's answer, at most. */
const FRAME_WAIT_MS = 600;

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; tabId: number; url: string; marks: PageMark[]; occ: Occurrences; cards: Map<string, SummaryCard> };

/**
 * Every frame's marks in the tab: the top frame's answer, then the codes the other frames send
 * (from this extension, from that tab), until as many frames as the top frame holds have sent
 * theirs or FRAME_WAIT_MS have passed. Null when the top frame does not answer.
 */
async function readTab(tabId: number): Promise<{ url: string; frames: FrameMarks[] } | null> {
  const reports: FrameMarks[] = [];
  let expected = Number.POSITIVE_INFINITY;
  let allIn = () => {};
  const arrived = new Promise<void>((ok) => (allIn = ok));
  const listener = (m: unknown, sender: { id?: string; tab?: { id?: number }; frameId?: number }) => {
    const frameId = sender.frameId;
    if (sender.id !== browser.runtime.id || sender.tab?.id !== tabId || !frameId || !isFrameCodes(m)) return undefined;
    if (!reports.some((r) => r.frameId === frameId)) reports.push({ frameId, marks: m.marks });
    if (reports.length >= expected) allIn();
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  try {
    let reply: PageCodes | undefined;
    try {
      // To every frame of the tab: the top one answers, the others send theirs to the listener.
      reply = (await browser.tabs.sendMessage(tabId, tabCommand('page-codes'))) as PageCodes | undefined;
    } catch {
      reply = undefined;
    }
    if (!reply || !Array.isArray(reply.marks)) return null;
    expected = typeof reply.frames === 'number' && reply.frames >= 0 ? reply.frames : 0;
    if (reports.length < expected) await Promise.race([arrived, new Promise((ok) => setTimeout(ok, FRAME_WAIT_MS))]);
    reports.sort((a, b) => a.frameId - b.frameId);
    return { url: reply.url ?? '', frames: [{ frameId: 0, marks: reply.marks }, ...reports] };
  } finally {
    browser.runtime.onMessage.removeListener(listener);
  }
}

/** One unit's figures of a card at the user's setting (the modifier-adjusted amount when modifiers change it). */
export function summaryCardOf(card: CodeCard): SummaryCard {
  const s = card.preferredSetting;
  const allowed = card.allowed[s] ?? null;
  // A lab test or a DME item the PFS does not price: the schedule that does, beside the line.
  return { workRvu: card.workRvu, allowed, description: card.description, other: otherScheduleOf(allowed, card.schedule) };
}

async function priceMarks(marks: readonly PageMark[]): Promise<Map<string, SummaryCard>> {
  const unique = new Map<string, CodeRequest>();
  for (const m of marks) {
    const key = summaryKey(m.code, m.modifiers);
    if (!unique.has(key)) unique.set(key, { code: m.code.trim().toUpperCase(), modifiers: [...m.modifiers] });
  }
  const keys = [...unique.keys()];
  const requests = [...unique.values()];
  const cards = new Map<string, SummaryCard>();
  for (let i = 0; i < requests.length; i += BATCH) {
    const answers = await sendMessage('lookupCodes', { requests: requests.slice(i, i + BATCH) });
    answers.forEach((a, k) => {
      if (a && !('error' in a)) cards.set(keys[i + k]!, summaryCardOf(a));
    });
  }
  return cards;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host || u.protocol.replace(':', '');
  } catch {
    return url;
  }
}

export interface PageViewProps {
  pricedAt: string;
  reloadKey: number;
  onAdd: (items: CodeRequest[]) => Promise<void>;
}

export function PageView({ pricedAt, reloadKey, onAdd }: PageViewProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [again, setAgain] = useState(0);
  const [copied, setCopied] = useState(false);
  const [added, setAdded] = useState<Set<string>>(new Set());
  const [revealed, setRevealed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoad((l) => (l.kind === 'ready' ? l : { kind: 'loading' }));
    (async () => {
      const tabId = await targetTabId();
      if (tabId === null) throw new Error('No tab to read.');
      const tab = await readTab(tabId);
      if (!tab) {
        throw new Error('RVU Lens does not read this page (a browser page, the extension store, a site turned off in Options, or a page that has not finished loading).');
      }
      const marks = allMarks(tab.frames);
      const cards = await priceMarks(marks);
      return { tabId, url: tab.url, marks, occ: occurrences(tab.frames), cards };
    })().then(
      (r) => live && setLoad({ kind: 'ready', ...r }),
      (e: unknown) => live && setLoad({ kind: 'error', message: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [reloadKey, again]);

  const summary = useMemo(() => (load.kind === 'ready' ? summarizePage(load.marks, load.cards) : null), [load]);
  const csv = useMemo(() => (summary ? pageSummaryCsv(summary) : ''), [summary]);

  // Clicks per line: a code held by several frames is revealed in each of its occurrences in turn.
  const clicks = useRef(new Map<string, number>());
  const reveal = useCallback(
    (row: SummaryRow) => {
      if (load.kind !== 'ready') return;
      setRevealed(row.key);
      const n = clicks.current.get(row.key) ?? 0;
      clicks.current.set(row.key, n + 1);
      // In one frame, its content script scrolls to the next occurrence after the current one (it cycles).
      const to = revealTarget(load.occ, row.key, n) ?? { frameId: 0 };
      void browser.tabs.sendMessage(load.tabId, tabCommand('reveal', row.key, to.index), { frameId: to.frameId }).catch(() => undefined);
    },
    [load],
  );

  const add = useCallback(
    (rows: SummaryRow[]) => {
      void onAdd(rows.map((r) => ({ code: r.code, modifiers: r.modifiers, units: r.units }))).then(() =>
        setAdded((s) => new Set([...s, ...rows.map((r) => r.key)])),
      );
    },
    [onAdd],
  );

  const copy = useCallback(() => {
    if (!summary) return;
    void navigator.clipboard.writeText(pageSummaryTsv(summary)).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1200);
      },
      () => setCopied(false),
    );
  }, [summary]);

  if (load.kind === 'loading') return <p class="rl-empty">Reading the codes on this page…</p>;
  if (load.kind === 'error')
    return (
      <div class="rl-empty" data-testid="page-error">
        <p>{load.message}</p>
        <button type="button" class="rl-btn" onClick={() => setAgain((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  if (!summary || summary.rows.length === 0)
    return (
      <div class="rl-empty" data-testid="page-empty">
        <p>No CPT or HCPCS codes are marked on {hostOf(load.kind === 'ready' ? load.url : '') || 'this page'}.</p>
        <button type="button" class="rl-btn" onClick={() => setAgain((n) => n + 1)}>
          Read again
        </button>
      </div>
    );
  return (
    <PageSummaryView
      summary={summary}
      pricedAt={pricedAt}
      source={hostOf(load.url)}
      onReveal={reveal}
      onAdd={add}
      added={added}
      onCopy={copy}
      copied={copied}
      csv={csv}
      revealed={revealed}
    />
  );
}

/**
 * The interactive half of a page session, loaded with page-ui.js on the page's first mark: the
 * hover/keyboard controller, the card cache, and the popover (loaded from popover-ui.js when a
 * card is first opened). Kept out of the content script that runs on every page.
 * Content-script only; never throws into the page.
 */
import type { CodeCard, CodeRequest } from '../card';
import { findCandidates } from '../codes/patterns';
import type { PopoverUi, PopoverView } from '../ui/popover-tag';
import type { Highlighter, Mark } from './highlighter';
import { HoverController, isShown, orderedMarks } from './hover';
import { markRect } from './highlighter';
import type { MarkData } from './scanner';
import type { Detection } from '../codes/types';
import { createDetectCache, rowExtrasAt, type DetectCache } from './extract';
import { finishDetection } from './score';
import { SLICE_BUDGET_MS, yieldToPage } from './schedule';

export interface ControllerDeps {
  highlighter: Highlighter<MarkData>;
  signal: AbortSignal;
  lookup(requests: CodeRequest[]): Promise<Array<CodeCard | { code: string; error: string }>>;
  copy?(text: string): void;
  onError?(err: unknown): void;
  addToTally?(item: CodeRequest): Promise<unknown>;
  loadPopoverUi(): Promise<PopoverUi>;
}

/**
 * A mark's detection made whole, once: its own copy if it was a table column's shared verdict
 * (with the code its text holds), completed with its row's Mod/Units cells if the scan left them
 * unread. `cache` keeps the tables' facts across the marks of one summary.
 */
export function markDetection(mark: Mark<MarkData>, cache?: DetectCache): Detection {
  const d = mark.data;
  if (!d.shared && !d.rowPending) return d;
  const node = mark.node;
  return (mark.data = finishDetection({
    detection: d,
    code: d.shared ? node.data.slice(mark.start, mark.end) : undefined,
    row: d.rowPending ? { read: () => rowExtrasAt(node, cache ?? createDetectCache()) } : undefined,
  }));
}

/** What the page session asks of the controller (see PageSession for each). */
export interface PageController {
  pageCodes(): Promise<Array<{ code: string; modifiers: string[]; units: number | null }>>;
  step(direction: 1 | -1): void;
  reveal(key: string, index?: number): Promise<boolean>;
  lookupText(text: string, anchor?: DOMRect): Promise<void>;
  refreshCards(): void;
  stop(): void;
}

function requestKey(r: CodeRequest): string {
  return `${r.code}|${(r.modifiers ?? []).join('-')}|${r.units ?? 1}`;
}

export function createPageController(doc: Document, deps: ControllerDeps): PageController {
  let cards = new Map<string, Promise<CodeCard | null>>();
  let openToken = 0;
  let popover: PopoverView | null = null;
  let popoverLoading: Promise<PopoverView> | null = null;

  const getCard = (req: CodeRequest): Promise<CodeCard | null> => {
    const key = requestKey(req);
    let p = cards.get(key);
    if (!p) {
      p = deps
        .lookup([req])
        .then((res) => {
          const r = res[0];
          return r && !('error' in r) ? r : null;
        })
        .catch((err) => {
          cards.delete(key);
          deps.onError?.(err);
          return null;
        });
      cards.set(key, p);
    }
    return p;
  };

  const hover: HoverController<MarkData> = new HoverController<MarkData>(doc, {
    highlighter: deps.highlighter,
    signal: deps.signal,
    isOpen: () => popover?.isOpen ?? false,
    pointerOnPopover: () => popover?.pointerInside ?? false,
    close: () => {
      openToken++;
      popover?.hide();
    },
    open: (mark: Mark<MarkData>) => {
      const d = markDetection(mark);
      showFor({ code: d.code, modifiers: d.modifiers, units: d.units ?? undefined }, () => markRect(mark));
    },
  });

  const ensurePopover = (): Promise<PopoverView> => {
    popoverLoading ??= deps.loadPopoverUi().then((mod) => {
      popover = mod.create(doc, {
        onPointerEnter: () => hover.cancelClose(),
        onPointerLeave: () => hover.scheduleClose(),
        onCopy: (text) => deps.copy?.(text),
        ...(deps.addToTally ? { onAddToTally: (card: CodeCard) => deps.addToTally!({ code: card.code, modifiers: card.modifiers, units: card.units }) } : {}),
      });
      return popover;
    });
    popoverLoading.catch((err: unknown) => {
      popoverLoading = null;
      deps.onError?.(err);
    });
    return popoverLoading;
  };

  const showFor = (req: CodeRequest, anchor: () => DOMRect) => {
    const token = ++openToken;
    void Promise.all([ensurePopover(), getCard(req)])
      .then(([view, card]) => {
        if (token !== openToken) return;
        view.show(card ? { card } : { message: `${req.code}: not in the loaded fee schedules.` }, anchor);
      })
      .catch((err: unknown) => deps.onError?.(err));
  };

  return {
    async pageCodes() {
      // Scan order (document order for a static page); no sort: the popup groups them anyway.
      // Completing a big page's detections reads two cells a row: in slices.
      const out: Array<{ code: string; modifiers: string[]; units: number | null }> = [];
      let t0 = performance.now();
      const cache = createDetectCache();
      let looked = 0;
      for (const m of deps.highlighter.all()) {
        // (Counted per mark looked at, listed or not: a long run of hidden marks is sliced too.)
        if (++looked % 64 === 0 && performance.now() - t0 > SLICE_BUDGET_MS) {
          await yieldToPage(doc.defaultView as Window & typeof globalThis);
          t0 = performance.now();
        }
        // (A row the page removed keeps its marks until the next prune, up to 1.5 s later; text the
        // page hides now, a closed tab's, is marked but not listed: see isShown.)
        if (!isShown(m)) continue;
        const d = markDetection(m, cache);
        out.push({ code: d.code, modifiers: [...d.modifiers], units: d.units });
      }
      return out;
    },
    step: (direction) => hover.step(direction),
    reveal: async (key, index) => {
      const cache = createDetectCache();
      return hover.reveal(
        orderedMarks(deps.highlighter),
        (m) => {
          const d = markDetection(m, cache);
          return [d.code, ...d.modifiers].join('-') === key;
        },
        index,
      );
    },
    async lookupText(text, anchor) {
      const c = findCandidates(text.trim().slice(0, 200))[0];
      const rect = anchor ?? doc.getSelection()?.getRangeAt(0)?.getBoundingClientRect() ?? new DOMRect(20, 20, 0, 0);
      if (!c) {
        const view = await ensurePopover();
        view.show({ message: `“${text.trim().slice(0, 40)}” is not a CPT or HCPCS code.` }, () => rect);
        return;
      }
      showFor({ code: c.code, modifiers: c.modifiers.map((m) => m.value), units: c.units ?? undefined }, () => rect);
    },
    refreshCards() {
      cards = new Map();
      if (popover?.isOpen) hover.closeNow();
    },
    stop() {
      popover?.hide();
    },
  };
}

/**
 * One page's RVU Lens session: the scanner, hover/keyboard controller and popover, wired to the
 * background through injected functions and to the user's settings. `startPageSession` is what
 * the content script's main() calls; everything it sets up is torn down by `stop()` (settings
 * turned off, extension context invalidated). Never throws into the page.
 */
import type { CodeCard, CodeRequest } from '../card';
import type { Strictness } from '../codes/types';
import { POPOVER_TAG, type PopoverUi, type PopoverView } from '../ui/popover-tag';
import { findCandidates } from '../codes/patterns';
import type { HoverController } from './hover';
import { Scanner, type MarkData } from './scanner';
import type { Mark } from './highlighter';
import { highlightSupported } from './highlighter';

export interface PageSessionDeps {
  lookup(requests: CodeRequest[]): Promise<Array<CodeCard | { code: string; error: string }>>;
  /** Which of these codes the loaded schedules know (no cards built). */
  knownCodes(codes: string[]): Promise<string[]>;
  strictness(): Strictness;
  openOrClosedShadowRoot?(el: Element): ShadowRoot | null;
  copy?(text: string): void;
  onError?(err: unknown): void;
  /** "Add to tally" from the popover (the background keeps the tally). */
  addToTally?(item: CodeRequest): Promise<unknown>;
  /** Load the popover UI (Preact + Floating UI), kept out of the content script until first use. */
  loadPopoverUi(): Promise<PopoverUi>;
}

export interface PageSession {
  scanner: Scanner;
  /** Keyboard navigation: open the next (+1) or previous (-1) marked code. */
  step(direction: 1 | -1): Promise<void>;
  /** Every marked code in document order (for the popup's page summary). */
  pageCodes(): Array<{ code: string; modifiers: string[]; units: number | null }>;
  /** Scroll to an occurrence of a code ("99213-25") and open its popover. */
  reveal(key: string, index?: number): Promise<boolean>;
  /** Look up free text (a selection): opens the popover at the selection. */
  lookupText(text: string, anchor?: DOMRect): Promise<void>;
  /** Forget cached cards (locality, setting or release changed). */
  refreshCards(): void;
  stop(): void;
}

function requestKey(r: CodeRequest): string {
  return `${r.code}|${(r.modifiers ?? []).join('-')}|${r.units ?? 1}`;
}

export function startPageSession(doc: Document, deps: PageSessionDeps): PageSession | null {
  if (!highlightSupported(doc.defaultView as Window & typeof globalThis)) return null;
  const abort = new AbortController();
  let cards = new Map<string, Promise<CodeCard | null>>();

  const isOwnNode = (n: Node): boolean => {
    const el = n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement;
    return !!el && (el.localName === POPOVER_TAG || !!el.closest?.(POPOVER_TAG));
  };

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

  const scanner = new Scanner(doc, {
    // Existence only (a key lookup per code in the background); cards are built on hover.
    confirm: async (codes) => new Set(await deps.knownCodes(codes)),
    strictness: deps.strictness,
    isOwnNode,
    openOrClosedShadowRoot: deps.openOrClosedShadowRoot,
    onError: deps.onError,
  });

  // The interactive part (hover controller, popover: Preact + Floating UI) is loaded from its own
  // file once the page has a mark, or on a keyboard / selection lookup: pages without codes never
  // pay for it, and the script on every page stays small.
  let openToken = 0;
  interface Ui {
    popover: PopoverView;
    hover: HoverController<MarkData>;
  }
  let ui: Ui | null = null;
  let uiLoading: Promise<Ui> | null = null;
  const ensureUi = (): Promise<Ui> => {
    if (uiLoading) return uiLoading;
    const loading = deps.loadPopoverUi().then((mod): Ui => {
      scanner.highlighter.setRegistrar(new mod.ViewportRegistrar<MarkData>(doc.defaultView as Window & typeof globalThis));
      const hover: HoverController<MarkData> = new mod.HoverController<MarkData>(doc, {
        highlighter: scanner.highlighter,
        signal: abort.signal,
        isOpen: () => popover.isOpen,
        pointerOnPopover: () => popover.pointerInside,
        close: () => {
          openToken++;
          popover.hide();
        },
        open: (mark: Mark<MarkData>) => {
          const d = mark.data.detection;
          showFor({ code: d.code, modifiers: d.modifiers, units: d.units ?? undefined }, () => mod.markRect(mark));
        },
      });
      const popover = mod.create(doc, {
        onPointerEnter: () => hover.cancelClose(),
        onPointerLeave: () => hover.scheduleClose(),
        onCopy: (text) => deps.copy?.(text),
        ...(deps.addToTally ? { onAddToTally: (card: CodeCard) => deps.addToTally!({ code: card.code, modifiers: card.modifiers, units: card.units }) } : {}),
      });
      ui = { popover, hover };
      return ui;
    });
    uiLoading = loading;
    loading.catch((err: unknown) => {
      uiLoading = null;
      // Marks still show (registered directly) though the page cannot hover them.
      scanner.highlighter.registerDirectly();
      deps.onError?.(err);
    });
    return loading;
  };

  const showFor = (req: CodeRequest, anchor: () => DOMRect) => {
    const token = ++openToken;
    void Promise.all([ensureUi(), getCard(req)])
      .then(([{ popover }, card]) => {
        if (token !== openToken) return;
        popover.show(card ? { card } : { message: `${req.code}: not in the loaded fee schedules.` }, anchor);
      })
      .catch((err: unknown) => deps.onError?.(err));
  };

  scanner.onFirstMark = () => void ensureUi().catch(() => undefined);
  void scanner.start();

  return {
    scanner,
    async step(direction) {
      (await ensureUi()).hover.step(direction);
    },
    pageCodes() {
      // Scan order (document order for a static page); no sort: the popup groups them anyway.
      return [...scanner.highlighter.marks].map((m) => ({ code: m.data.detection.code, modifiers: [...m.data.detection.modifiers], units: m.data.detection.units }));
    },
    async reveal(key, index) {
      return (await ensureUi()).hover.reveal(scanner.marks(), (m) => [m.data.detection.code, ...m.data.detection.modifiers].join('-') === key, index);
    },
    async lookupText(text, anchor) {
      const c = findCandidates(text.trim().slice(0, 200))[0];
      const rect = anchor ?? doc.getSelection()?.getRangeAt(0)?.getBoundingClientRect() ?? new DOMRect(20, 20, 0, 0);
      if (!c) {
        const { popover } = await ensureUi();
        popover.show({ message: `“${text.trim().slice(0, 40)}” is not a CPT or HCPCS code.` }, () => rect);
        return;
      }
      showFor({ code: c.code, modifiers: c.modifiers.map((m) => m.value), units: c.units ?? undefined }, () => rect);
    },
    refreshCards() {
      cards = new Map();
      if (ui?.popover.isOpen) ui.hover.closeNow();
    },
    stop() {
      abort.abort();
      ui?.popover.hide();
      scanner.stop();
    },
  };
}

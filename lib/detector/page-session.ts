/**
 * One page's RVU Lens session: the scanner, hover/keyboard controller and popover, wired to the
 * background through injected functions and to the user's settings. `startPageSession` is what
 * the content script's main() calls; everything it sets up is torn down by `stop()` (settings
 * turned off, extension context invalidated). Never throws into the page.
 */
import type { CodeCard, CodeRequest } from '../card';
import type { Strictness } from '../codes/types';
import { PopoverHost, POPOVER_TAG } from '../ui/popover-host';
import { findCandidates } from '../codes/patterns';
import { HoverController } from './hover';
import { Scanner, type MarkData } from './scanner';
import type { Mark } from './highlighter';
import { highlightSupported } from './highlighter';

export interface PageSessionDeps {
  lookup(requests: CodeRequest[]): Promise<Array<CodeCard | { code: string; error: string }>>;
  strictness(): Strictness;
  openOrClosedShadowRoot?(el: Element): ShadowRoot | null;
  copy?(text: string): void;
  onError?(err: unknown): void;
}

export interface PageSession {
  scanner: Scanner;
  hover: HoverController<MarkData>;
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
    confirm: async (codes) => {
      const res = await deps.lookup(codes.map((code) => ({ code })));
      const found = new Set<string>();
      res.forEach((r, i) => {
        const code = codes[i];
        if (!code || 'error' in r) return;
        found.add(code);
        // Keep the base card: a plain hover needs no second round trip.
        cards.set(requestKey({ code }), Promise.resolve(r));
      });
      return found;
    },
    strictness: deps.strictness,
    isOwnNode,
    openOrClosedShadowRoot: deps.openOrClosedShadowRoot,
    onError: deps.onError,
  });

  let openToken = 0;
  const popover = new PopoverHost(doc, {
    onPointerEnter: () => hover.cancelClose(),
    onPointerLeave: () => hover.scheduleClose(),
    onCopy: (text) => deps.copy?.(text),
  });

  const showFor = (req: CodeRequest, anchor: () => DOMRect) => {
    const token = ++openToken;
    popover.show({ message: `Looking up ${req.code}…` }, anchor);
    void getCard(req).then((card) => {
      if (token !== openToken || !popover.isOpen) return;
      popover.show(card ? { card } : { message: `${req.code}: not in the loaded fee schedule.` }, anchor);
    });
  };

  const hover = new HoverController<MarkData>(doc, {
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
      showFor({ code: d.code, modifiers: d.modifiers, units: d.units ?? undefined }, () => mark.range.getBoundingClientRect());
    },
  });

  void scanner.start();

  return {
    scanner,
    hover,
    async lookupText(text, anchor) {
      const c = findCandidates(text.trim().slice(0, 200))[0];
      const rect = anchor ?? doc.getSelection()?.getRangeAt(0)?.getBoundingClientRect() ?? new DOMRect(20, 20, 0, 0);
      if (!c) {
        popover.show({ message: `“${text.trim().slice(0, 40)}” is not a CPT or HCPCS code.` }, () => rect);
        return;
      }
      showFor({ code: c.code, modifiers: c.modifiers.map((m) => m.value), units: c.units ?? undefined }, () => rect);
    },
    refreshCards() {
      cards = new Map();
      if (popover.isOpen) hover.closeNow();
    },
    stop() {
      abort.abort();
      popover.hide();
      scanner.stop();
    },
  };
}

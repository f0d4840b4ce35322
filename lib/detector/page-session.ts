/**
 * One page's RVU Lens session: the scanner, and the interactive part (hover/keyboard controller,
 * popover: lib/detector/page-controller, loaded with page-ui.js on the first mark), wired to the
 * background through injected functions and to the user's settings. `startPageSession` is what
 * the content script's main() calls; everything it sets up is torn down by `stop()` (settings
 * turned off, extension context invalidated). Never throws into the page.
 */
import type { CodeCard, CodeRequest } from '../card';
import type { Strictness } from '../codes/types';
import { POPOVER_TAG, type PageUi, type PopoverUi } from '../ui/popover-tag';
import type { CodeSet } from '../codes/code-set';
import type { PageController } from './page-controller';
import { Scanner, type MarkData } from './scanner';
import { highlightSupported } from './highlighter';
import { NODE_ELEMENT } from './text-walker';

export interface PageSessionDeps {
  lookup(requests: CodeRequest[]): Promise<Array<CodeCard | { code: string; error: string }>>;
  /** The loaded release's code set (asked once; again when the release changes). */
  codeSet(): Promise<CodeSet>;
  strictness(): Strictness;
  openOrClosedShadowRoot?(el: Element): ShadowRoot | null;
  copy?(text: string): void;
  onError?(err: unknown): void;
  /** "Add to tally" from the popover (the background keeps the tally). */
  addToTally?(item: CodeRequest): Promise<unknown>;
  /** Load the controller (hover, keyboard, viewport registration), on the page's first mark. */
  loadPageUi(): Promise<PageUi>;
  /** Load the popover (Preact + Floating UI + the code card), on the first card opened. */
  loadPopoverUi(): Promise<PopoverUi>;
}

export interface PageSession {
  scanner: Scanner;
  /** Keyboard navigation: open the next (+1) or previous (-1) marked code. */
  step(direction: 1 | -1): Promise<void>;
  /**
   * Every marked code in scan order (for the popup's page summary), completed with the Mod/Units
   * cells left unread during the scan: in slices, yielding to the page between them.
   */
  pageCodes(): Promise<Array<{ code: string; modifiers: string[]; units: number | null }>>;
  /** Scroll to an occurrence of a code ("99213-25") and open its popover. */
  reveal(key: string, index?: number): Promise<boolean>;
  /** Look up free text (a selection): opens the popover at the selection. */
  lookupText(text: string, anchor?: DOMRect): Promise<void>;
  /** Forget cached cards (locality or setting changed). */
  refreshCards(): void;
  /** A new release was loaded: forget cards, fetch its code set and scan again. */
  refreshRelease(): void;
  stop(): void;
}

export function startPageSession(doc: Document, deps: PageSessionDeps): PageSession | null {
  const win = doc.defaultView as Window & typeof globalThis;
  if (!highlightSupported(win)) return null;
  const abort = new AbortController();

  const isOwnNode = (n: Node): boolean => {
    const el = n.nodeType === NODE_ELEMENT ? (n as Element) : n.parentElement;
    // (closest() includes the element itself.)
    return !!el?.closest(POPOVER_TAG);
  };

  // The release's codes, held in the tab: candidates are confirmed without a message (and the
  // page's codes never leave it); cards are built on hover only.
  let codes: CodeSet | null = null;
  const loadCodes = async (): Promise<CodeSet | null> => {
    // The service worker may be waking or seeding: retry twice before giving up.
    for (let attempt = 0; attempt < 3 && !abort.signal.aborted; attempt++) {
      try {
        return await deps.codeSet();
      } catch (err) {
        deps.onError?.(err);
        await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
      }
    }
    return null;
  };

  const scanner = new Scanner(doc, {
    isKnownCode: (code) => codes?.has(code) ?? false,
    knownWindows: (text, out) => codes?.windows(text, out),
    strictness: deps.strictness,
    isOwnNode,
    openOrClosedShadowRoot: deps.openOrClosedShadowRoot,
    onError: deps.onError,
  });

  // The interactive part comes in two files, each loaded when first needed, so pages without
  // codes never pay for it and the script on every page stays small: the controller (hover,
  // keyboard, viewport registration; a few kB) once the page has a mark, the popover (Preact,
  // Floating UI, the code card) when a card is first opened.
  let ui: PageController | null = null;
  let uiLoading: Promise<PageController> | null = null;
  const ensureUi = (): Promise<PageController> => {
    if (uiLoading) return uiLoading;
    const loading = deps.loadPageUi().then((mod) => {
      scanner.highlighter.setRegistrar(new mod.ViewportRegistrar<MarkData>(win));
      ui = mod.createPageController(doc, { ...deps, highlighter: scanner.highlighter, signal: abort.signal });
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

  scanner.onFirstMark = () => void ensureUi().catch(() => undefined);
  void loadCodes().then((set) => {
    if (!set || abort.signal.aborted) return;
    codes = set;
    void scanner.start();
  });

  return {
    scanner,
    async step(direction) {
      (await ensureUi()).step(direction);
    },
    async pageCodes() {
      // (The controller comes with the first mark; a page without marks has nothing to list.)
      return scanner.highlighter.size ? (await ensureUi()).pageCodes() : [];
    },
    async reveal(key, index) {
      return (await ensureUi()).reveal(key, index);
    },
    async lookupText(text, anchor) {
      return (await ensureUi()).lookupText(text, anchor);
    },
    refreshCards() {
      ui?.refreshCards();
    },
    refreshRelease() {
      this.refreshCards();
      // Another release may know other codes: scan again with its set.
      void loadCodes().then((set) => {
        if (!set || abort.signal.aborted) return;
        const first = codes === null;
        codes = set;
        void (first ? scanner.start() : scanner.rescan());
      });
    },
    stop() {
      abort.abort();
      ui?.stop();
      scanner.stop();
    },
  };
}

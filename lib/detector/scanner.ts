/**
 * The page scanner: walks text nodes incrementally (a TreeWalker resumed across slices of at most
 * SLICE_BUDGET_MS, so no task of ours blocks the page for long), confirms candidate codes against
 * the loaded release with ONE batched lookup per slice (cached per page), scores them in context,
 * and marks the confident ones with the Highlight API. Only text nodes that may hold a code (a
 * run of four digits) get visibility checks, so a page without codes costs one cheap walk.
 * A MutationObserver feeds only changed subtrees back in, in idle time; a huge burst triggers one
 * debounced full rescan. Content-script only; everything is removed by `stop()`.
 */
import { findCandidates } from '../codes/patterns';
import type { Detection, Strictness } from '../codes/types';
import { Highlighter, type Mark } from './highlighter';
import { OWN_PREFIX, SHOW_ELEMENT, SHOW_TEXT, isInSkippedSubtree, isSkippedTag, mayHoldCode } from './text-walker';
import { createDetectCache, detectInNodes, type DetectCache } from './candidates';
import { SLICE_BUDGET_MS, whenIdle, yieldToPage } from './schedule';

const TEXT_NODE = 3;
/** Above this many mutation records before a flush, rescan the whole page once instead. */
export const HUGE_MUTATIONS_COUNT = 10_000;
/** Codes per lookup message (the background accepts 500). */
const LOOKUP_BATCH = 480;
/** Text nodes walked before they are marked. */
const MARK_BATCH = 2000;
/** Text nodes per detection call inside a slice. */
const NODES_PER_STEP = 50;
/** New marks are shown (handed to the Highlight) at most this often while a scan runs. */
const SHOW_INTERVAL_MS = 400;
/** Forgetting marks of removed rows walks every mark: at most this often. */
const PRUNE_INTERVAL_MS = 1500;


export interface MarkData {
  detection: Detection;
}

export interface ScannerDeps {
  /** Which of these codes exist in the loaded release (batched, de-duplicated by the caller). */
  confirm(codes: string[]): Promise<Set<string>>;
  strictness(): Strictness;
  /** Elements of our own UI (the popover host) to ignore. */
  isOwnNode?(node: Node): boolean;
  /** Closed shadow roots (extension API) where available. */
  openOrClosedShadowRoot?(el: Element): ShadowRoot | null;
  onError?(err: unknown): void;
  /** Called after marks were added or removed. */
  onMarksChanged?(): void;
}

export class Scanner {
  readonly highlighter: Highlighter<MarkData>;
  /** Whether a mark was ever added (the page session loads its UI on the first one). */
  private marked = false;
  /** code → exists in the release (true) or not (false). */
  private readonly known = new Map<string, boolean>();
  /** Roots still to walk (document body, added subtrees, shadow roots), and the walk in progress. */
  private roots: Node[] = [];
  private walker: TreeWalker | null = null;
  /** Text nodes queued directly (changed text). */
  private texts: Text[] = [];
  /** The text each node had when it was last scanned: unchanged nodes are not scanned twice. */
  private scanned = new WeakMap<Text, string>();
  private readonly observers: MutationObserver[] = [];
  private readonly observedRoots = new WeakSet<Node>();
  private pendingRecords: MutationRecord[] = [];
  private cancelIdle: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private rescanTimer: number | null = null;
  private pruneTimer: number | null = null;
  private lastPrune = 0;
  private lastShown = 0;
  /** Table-column statistics and ancestor checks, reused within a pass; dropped when the page changes. */
  private cache: DetectCache = createDetectCache();
  /** Called once, when the first mark is added (the page session loads its UI then). */
  onFirstMark: (() => void) | null = null;
  /** Resolves when the current queue has been fully processed. */
  idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly doc: Document,
    private readonly deps: ScannerDeps,
  ) {
    this.highlighter = new Highlighter<MarkData>(doc);
  }

  private get win(): Window & typeof globalThis {
    return this.doc.defaultView as Window & typeof globalThis;
  }

  start(): Promise<void> {
    this.highlighter.measurePage();
    this.observe(this.doc);
    this.roots.push(this.doc.body ?? this.doc.documentElement);
    return this.kick();
  }

  /** Forget every mark and scan the whole page again (strictness changed, huge mutation). */
  rescan(): Promise<void> {
    this.highlighter.clear();
    this.cache = createDetectCache();
    this.scanned = new WeakMap();
    this.roots = [this.doc.body ?? this.doc.documentElement];
    this.walker = null;
    this.texts = [];
    this.deps.onMarksChanged?.();
    return this.kick();
  }

  stop(): void {
    this.stopped = true;
    for (const o of this.observers) o.disconnect();
    this.observers.length = 0;
    this.cancelIdle?.();
    if (this.rescanTimer !== null) this.win.clearTimeout(this.rescanTimer);
    if (this.pruneTimer !== null) this.win.clearTimeout(this.pruneTimer);
    this.roots = [];
    this.walker = null;
    this.texts = [];
    this.highlighter.dispose();
  }

  marks(): Mark<MarkData>[] {
    return this.highlighter.ordered();
  }

  private isOwn(n: Node): boolean {
    return this.deps.isOwnNode?.(n) ?? false;
  }

  /** Visibility of an element, asked only for ancestors of text that may hold a code (cached per pass). */
  private isVisible(el: Element): boolean {
    // (Our own UI is skipped by shouldSkipElement: its host's tag starts with OWN_PREFIX.)
    const he = el as HTMLElement;
    if (he.hidden) return false;
    if (el === this.doc.body || el === this.doc.documentElement) return true;
    // checkVisibility (in every browser with the Highlight API) needs up-to-date style only;
    // offsetParent would force a layout of the whole page after each change the page makes.
    // An element with display:contents has no box, but its text shows.
    return he.checkVisibility() || this.win.getComputedStyle(el).display === 'contents';
  }

  /**
   * A TreeWalker over one root, without a filter: a filter is a call from the browser into script
   * for every node (half a million on a 20,000-row table). The walk loop itself skips subtrees by
   * tag ({@link enterElement}); attribute rules (hidden, contenteditable, ours) and visibility are
   * checked later, only for text that holds a known code (detectInNodes, cached per element).
   */
  private walkerFor(root: Node): TreeWalker | null {
    if (root.nodeType !== Node.TEXT_NODE && isInSkippedSubtree(root)) return null;
    const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root.ownerDocument ?? this.doc);
    return doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  }

  /** Whether the walk enters an element's subtree (not script, style, form fields, our UI…); queues its shadow root. */
  private enterElement(el: Element): boolean {
    const name = el.localName;
    if (isSkippedTag(name) || name.startsWith(OWN_PREFIX)) return false;
    let sr: ShadowRoot | null | undefined = el.shadowRoot;
    // Closed roots through the extension API: a call per element is costly, and closed
    // shadow roots live on custom elements in practice.
    if (!sr && this.deps.openOrClosedShadowRoot && name.includes('-')) {
      try {
        sr = this.deps.openOrClosedShadowRoot(el);
      } catch {
        sr = null;
      }
    }
    if (sr && !this.observedRoots.has(sr)) {
      this.observe(sr);
      this.roots.push(sr);
    }
    return true;
  }

  /** The next text node to scan, or null when everything queued has been walked. */
  private nextText(): Text | null {
    for (;;) {
      const direct = this.texts.pop();
      if (direct) return direct;
      const w = this.walker;
      if (w) {
        let n = w.nextNode();
        while (n) {
          if (n.nodeType === TEXT_NODE) return n as Text;
          n = this.enterElement(n as Element) ? w.nextNode() : skipSubtree(w);
        }
        this.walker = null;
      }
      const root = this.roots.shift();
      if (!root) return null;
      if (!root.isConnected) continue;
      if (root.nodeType === Node.TEXT_NODE) return root as Text;
      // An added element: its own tag and shadow root (the walk below sees only its descendants).
      if (root.nodeType === Node.ELEMENT_NODE && !this.enterElement(root as Element)) continue;
      this.walker = this.walkerFor(root);
    }
  }

  private kick(): Promise<void> {
    if (!this.running) {
      this.running = this.drain()
        .catch((err) => this.deps.onError?.(err))
        .finally(() => {
          this.running = null;
        });
      this.idle = this.running;
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const batch: Text[] = [];
      const unknown = new Set<string>();
      // Walk and extract candidate codes, slice by slice, until there is a message's worth of
      // codes to confirm (or text to mark), or nothing left to walk.
      let walked = false;
      for (let t0 = performance.now(), checked = 0; batch.length < MARK_BATCH && unknown.size < LOOKUP_BATCH; ) {
        if ((++checked & 63) === 0 && performance.now() - t0 >= SLICE_BUDGET_MS) {
          await yieldToPage(this.win);
          if (this.stopped) return;
          t0 = performance.now();
        }
        const node = this.nextText();
        if (!node) {
          walked = true;
          break;
        }
        const data = node.data;
        if (!mayHoldCode(data)) continue;
        const candidates = findCandidates(data);
        // Only text with a candidate is remembered: most numbers on a page are not code-shaped.
        if (!candidates.length || this.scanned.get(node) === data) continue;
        this.scanned.set(node, data);
        batch.push(node);
        for (const c of candidates) {
          if (!this.known.has(c.code)) unknown.add(c.code);
          if (c.range && !this.known.has(c.range.partner)) unknown.add(c.range.partner);
        }
      }
      if (!batch.length && walked) break;
      if (unknown.size) await this.confirm([...unknown]);
      if (this.stopped) return;
      // Detect and mark, NODES_PER_STEP at a time, yielding between slices.
      for (let i = 0; i < batch.length && !this.stopped; ) {
        const t1 = performance.now();
        while (i < batch.length && performance.now() - t1 < SLICE_BUDGET_MS) {
          const part = batch.slice(i, i + NODES_PER_STEP).filter((n) => n.isConnected);
          i += NODES_PER_STEP;
          this.mark(part);
        }
        this.showMarks(false);
        await yieldToPage(this.win);
      }
      await yieldToPage(this.win);
    }
    this.showMarks(true);
  }

  /**
   * Hand new marks to the Highlight: at the end of a scan, and during it once the new marks are at
   * least as many as those already shown (so the browser re-validates ~2n ranges in all, not n per
   * frame) but no more often than SHOW_INTERVAL_MS — and at least every 2 s so progress shows.
   */
  private showMarks(force: boolean): void {
    const now = performance.now();
    const pending = this.highlighter.pendingCount;
    if (!pending) return;
    const shown = this.highlighter.marks.size - pending;
    const due = now - this.lastShown >= SHOW_INTERVAL_MS && (pending >= shown || now - this.lastShown >= 2000);
    if (!force && !due) return;
    this.lastShown = now;
    this.highlighter.flush();
  }


  private async confirm(codes: string[]): Promise<void> {
    const parts: string[][] = [];
    for (let i = 0; i < codes.length; i += LOOKUP_BATCH) parts.push(codes.slice(i, i + LOOKUP_BATCH));
    // Batches in parallel: the background answers each with one indexed read.
    await Promise.all(parts.map((part) => this.confirmPart(part)));
  }

  private async confirmPart(part: string[]): Promise<void> {
    // The service worker may be waking or busy: retry twice before leaving the codes unknown.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const found = await this.deps.confirm(part);
        for (const c of part) this.known.set(c, found.has(c));
        return;
      } catch (err) {
        this.deps.onError?.(err);
        if (this.stopped) return;
        await new Promise((r) => this.win.setTimeout(r, 300 * (attempt + 1)));
      }
    }
  }


  private mark(nodes: Text[]): void {
    if (!nodes.length) return;
    const found = detectInNodes(nodes, {
      isKnownCode: (code) => this.known.get(code) === true,
      strictness: this.deps.strictness(),
      isVisible: (el) => this.isVisible(el),
      cache: this.cache,
    });
    if (!found.length) return;
    // A page may have wiped the highlight registry or our stylesheet: put them back.
    this.highlighter.ensureRegistered();
    let added = 0;
    for (const f of found) {
      if (this.highlighter.add(f.node, f.start, f.end, { detection: f.detection })) added++;
    }
    if (added) {
      if (!this.marked) {
        this.marked = true;
        this.onFirstMark?.();
      }
      this.deps.onMarksChanged?.();
    }
  }

  // ---- dynamic pages ----

  private observe(root: Document | ShadowRoot): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    const mo = new this.win.MutationObserver((records) => this.onMutations(records));
    mo.observe(root, { childList: true, subtree: true, characterData: true });
    this.observers.push(mo);
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.stopped || this.rescanTimer !== null) return;
    for (const r of records) {
      if (this.isOwn(r.target)) continue;
      if (r.type === 'childList' && r.addedNodes.length === 1 && r.removedNodes.length === 0 && this.isOwn(r.addedNodes[0] as Node)) continue;
      this.pendingRecords.push(r);
    }
    if (this.pendingRecords.length > HUGE_MUTATIONS_COUNT) {
      // The page replaced itself (SPA navigation, a re-render of everything): one full rescan.
      this.pendingRecords = [];
      this.cancelIdle?.();
      this.cancelIdle = null;
      this.rescanTimer = this.win.setTimeout(() => {
        this.rescanTimer = null;
        void this.rescan();
      }, 400);
      return;
    }
    if (!this.cancelIdle && this.pendingRecords.length) this.cancelIdle = whenIdle(() => this.flushMutations(), this.win);
  }

  private flushMutations(): void {
    this.cancelIdle = null;
    const records = this.pendingRecords;
    this.pendingRecords = [];
    let removed = false;
    // Changed text and added roots only; the walk skips nodes whose text was already scanned.
    for (const r of records) {
      if (r.type === 'characterData') {
        const t = r.target as Text;
        if (this.highlighter.marksOf(t).length) {
          this.highlighter.removeNode(t);
          removed = true;
        }
        // Its marks are gone: scan it again even if the text came back to what was scanned before.
        this.scanned.delete(t);
        if (t.isConnected) this.texts.push(t);
      } else {
        if (r.removedNodes.length) removed = true;
        r.addedNodes.forEach((n) => {
          if (!this.isOwn(n) && (n.nodeType === Node.ELEMENT_NODE || n.nodeType === Node.TEXT_NODE)) this.roots.push(n);
        });
      }
    }
    if (removed) this.schedulePrune();
    // Layout and table statistics may have changed with the page.
    this.cache = createDetectCache();
    void this.kick();
  }

  /** Forget marks of removed nodes, at most every PRUNE_INTERVAL_MS (it walks every mark). */
  private schedulePrune(): void {
    if (this.pruneTimer !== null) return;
    const wait = Math.max(0, this.lastPrune + PRUNE_INTERVAL_MS - performance.now());
    this.pruneTimer = this.win.setTimeout(() => {
      this.pruneTimer = null;
      this.lastPrune = performance.now();
      if (this.highlighter.prune() > 0) this.deps.onMarksChanged?.();
    }, wait);
  }
}

/** Moves the walker past the current node's subtree: to its next sibling, or an ancestor's. */
function skipSubtree(w: TreeWalker): Node | null {
  for (;;) {
    const next = w.nextSibling();
    if (next) return next;
    if (!w.parentNode()) return null;
  }
}

/**
 * The page scanner: walks text nodes in time-sliced chunks, confirms candidate codes against the
 * loaded release with ONE batched lookup per chunk (cached per page), scores them in context,
 * and marks the confident ones with the Highlight API. A MutationObserver feeds only changed
 * subtrees back in, in idle time; a huge burst triggers one debounced full rescan.
 * Content-script only; every listener, observer and highlight is removed by `stop()`.
 */
import { findCandidates } from '../codes/patterns';
import type { Detection, Strictness } from '../codes/types';
import { Highlighter, type Mark } from './highlighter';
import { collectTextNodes, findOpenShadowRoots } from './text-walker';
import { createDetectCache, detectInNodes, type DetectCache } from './candidates';
import { SLICE_BUDGET_MS, whenIdle, yieldToPage } from './schedule';

/** Above this many mutation records in one flush, rescan the whole page once instead. */
export const HUGE_MUTATIONS_COUNT = 3000;
/** Codes per lookup message. */
const LOOKUP_BATCH = 400;
/** Text nodes per detection call inside a slice. */
const NODES_PER_STEP = 200;

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

export interface ScanStats {
  textNodes: number;
  candidates: number;
  lookups: number;
  marks: number;
  slices: number;
  longestSliceMs: number;
  fullRescans: number;
}

export class Scanner {
  readonly highlighter: Highlighter<MarkData>;
  readonly stats: ScanStats = { textNodes: 0, candidates: 0, lookups: 0, marks: 0, slices: 0, longestSliceMs: 0, fullRescans: 0 };
  /** code → exists in the release (true) or not (false). */
  private readonly known = new Map<string, boolean>();
  private readonly queue: Text[] = [];
  private readonly queued = new WeakSet<Text>();
  private readonly observers: MutationObserver[] = [];
  private readonly observedRoots = new WeakSet<Node>();
  private pendingRecords: MutationRecord[] = [];
  private cancelIdle: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private rescanTimer: number | null = null;
  /** Table-column statistics, reused within a pass; dropped when the page changes. */
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
    this.observe(this.doc);
    this.enqueueRoot(this.doc.body ?? this.doc.documentElement);
    return this.kick();
  }

  /** Forget every mark and scan the whole page again (strictness changed, huge mutation). */
  rescan(): Promise<void> {
    this.stats.fullRescans++;
    this.highlighter.clear();
    this.cache = createDetectCache();
    this.queue.length = 0;
    this.enqueueRoot(this.doc.body ?? this.doc.documentElement);
    this.deps.onMarksChanged?.();
    return this.kick();
  }

  stop(): void {
    this.stopped = true;
    for (const o of this.observers) o.disconnect();
    this.observers.length = 0;
    this.cancelIdle?.();
    if (this.rescanTimer !== null) this.win.clearTimeout(this.rescanTimer);
    this.queue.length = 0;
    this.highlighter.dispose();
  }

  marks(): Mark<MarkData>[] {
    return this.highlighter.ordered();
  }

  private enqueueRoot(root: Node): void {
    const nodes = collectTextNodes(root, { isVisible: (el) => this.isVisible(el) });
    for (const n of nodes) this.enqueue(n);
    // Open shadow roots (and closed ones through the extension API) are separate trees.
    const hosts = root.nodeType === Node.TEXT_NODE ? [] : findOpenShadowRoots(root, this.deps.openOrClosedShadowRoot, { isVisible: (el) => this.isVisible(el) });
    for (const sr of hosts) {
      this.observe(sr);
      for (const n of collectTextNodes(sr, { isVisible: (el) => this.isVisible(el) })) this.enqueue(n);
    }
  }

  private enqueue(node: Text): void {
    if (this.queued.has(node)) return;
    this.queued.add(node);
    this.queue.push(node);
  }

  private isVisible(el: Element): boolean {
    if (this.deps.isOwnNode?.(el)) return false;
    const he = el as HTMLElement;
    if (he.hidden) return false;
    // offsetParent is null for display:none subtrees (and for fixed elements: check style then).
    if (he.offsetParent === null && el !== this.doc.body && el !== this.doc.documentElement) {
      const style = this.win.getComputedStyle(el);
      if (style.display === 'none') return false;
      if (style.position !== 'fixed' && style.display !== 'contents' && he.getClientRects?.().length === 0) return false;
    }
    return true;
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
    while (this.queue.length && !this.stopped) {
      const t0 = performance.now();
      const batch: Text[] = [];
      // Slice 1: take nodes and extract candidate codes until the budget is spent.
      const unknown = new Set<string>();
      while (this.queue.length && performance.now() - t0 < SLICE_BUDGET_MS) {
        const chunk = this.queue.splice(0, NODES_PER_STEP);
        for (const node of chunk) {
          this.queued.delete(node);
          if (!node.isConnected) continue;
          batch.push(node);
          this.stats.textNodes++;
          for (const c of findCandidates(node.data)) {
            this.stats.candidates++;
            if (!this.known.has(c.code)) unknown.add(c.code);
            if (c.range && !this.known.has(c.range.partner)) unknown.add(c.range.partner);
          }
        }
      }
      this.noteSlice(t0);
      if (unknown.size) await this.confirm([...unknown]);
      if (this.stopped) return;
      // Slice 2..n: detect and mark, NODES_PER_STEP at a time, yielding between slices.
      for (let i = 0; i < batch.length && !this.stopped; ) {
        const t1 = performance.now();
        while (i < batch.length && performance.now() - t1 < SLICE_BUDGET_MS) {
          const part = batch.slice(i, i + NODES_PER_STEP).filter((n) => n.isConnected);
          i += NODES_PER_STEP;
          this.mark(part);
        }
        this.noteSlice(t1);
        await yieldToPage(this.win);
      }
      await yieldToPage(this.win);
    }
  }

  private noteSlice(t0: number): void {
    const ms = performance.now() - t0;
    this.stats.slices++;
    if (ms > this.stats.longestSliceMs) this.stats.longestSliceMs = ms;
  }

  private async confirm(codes: string[]): Promise<void> {
    for (let i = 0; i < codes.length; i += LOOKUP_BATCH) {
      const part = codes.slice(i, i + LOOKUP_BATCH);
      this.stats.lookups++;
      try {
        const found = await this.deps.confirm(part);
        for (const c of part) this.known.set(c, found.has(c));
      } catch (err) {
        // Background unavailable (reloading): leave them unknown so a later pass retries.
        this.deps.onError?.(err);
      }
    }
  }

  private mark(nodes: Text[]): void {
    if (!nodes.length) return;
    const found = detectInNodes(nodes, {
      isKnownCode: (code) => this.known.get(code) === true,
      strictness: this.deps.strictness(),
      cache: this.cache,
    });
    let added = 0;
    for (const f of found) {
      if (this.highlighter.add(f.node, f.start, f.end, { detection: f.detection })) added++;
    }
    if (added) {
      if (this.stats.marks === 0 && this.onFirstMark) this.onFirstMark();
      this.stats.marks += added;
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
    if (this.stopped) return;
    for (const r of records) {
      if (this.deps.isOwnNode?.(r.target)) continue;
      if (r.type === 'childList' && r.addedNodes.length === 1 && this.deps.isOwnNode?.(r.addedNodes[0] as Node)) continue;
      this.pendingRecords.push(r);
    }
    if (this.pendingRecords.length > HUGE_MUTATIONS_COUNT) {
      this.pendingRecords = [];
      this.cancelIdle?.();
      this.cancelIdle = null;
      if (this.rescanTimer !== null) this.win.clearTimeout(this.rescanTimer);
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
    if (this.rescanTimer !== null) return; // a full rescan is coming anyway
    this.cache = createDetectCache();
    let removed = false;
    // Reduce to added roots only: drop nodes whose ancestor was also added (darkreader's habit).
    const added = new Set<Node>();
    for (const r of records) {
      if (r.type === 'characterData') {
        const t = r.target as Text;
        if (this.highlighter.marksOf(t).length) {
          this.highlighter.removeNode(t);
          removed = true;
        }
        this.queued.delete(t);
        if (t.isConnected) added.add(t);
      } else {
        if (r.removedNodes.length) removed = true;
        r.addedNodes.forEach((n) => {
          if (!this.deps.isOwnNode?.(n)) added.add(n);
        });
      }
    }
    if (removed && this.highlighter.prune() > 0) this.deps.onMarksChanged?.();
    else if (removed) this.deps.onMarksChanged?.();
    for (const n of added) {
      if (!n.isConnected) continue;
      let p = n.parentNode;
      let covered = false;
      while (p) {
        if (added.has(p)) {
          covered = true;
          break;
        }
        p = p.parentNode;
      }
      if (covered) continue;
      if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.ELEMENT_NODE) this.enqueueRoot(n);
    }
    void this.kick();
  }
}

/**
 * The page scanner: walks text nodes incrementally (a text-only TreeWalker resumed across slices of
 * at most SLICE_BUDGET_MS, so no task of ours blocks the page for long), confirms candidate codes
 * against the release's code set held in the tab (no message), scores them in context, and marks
 * the confident ones with the Highlight API. Only text holding a known code gets an ancestor
 * check (tags and attributes), so a page without codes costs one cheap walk. Text the page hides
 * is marked as well: the Highlight paints only rendered text, so a tab or section the page shows
 * later shows its marks at once (see #drain). In tables and lists the text of
 * a group of rows is read at once (TextSegment) and a node's own text only when it may hold a
 * known code: most text nodes are then walked without being read. Shadow roots are found by one
 * selector query per tree (elements that can host one), not by visiting every element.
 * A MutationObserver feeds only changed subtrees back in, in idle time; a huge burst triggers one
 * debounced full rescan. Content-script only; everything is removed by `stop()`.
 */
import { holdsKnownCode } from '../codes/patterns';
import type { Detection, Strictness } from '../codes/types';
import { Highlighter } from './highlighter';
import { NODE_DOCUMENT, NODE_ELEMENT, NODE_TEXT, OWN_PREFIX, SHOW_TEXT, isInSkippedSubtree, isSkippedTag } from './text-walker';
import { createDetectCache, detectNode, type DetectCache, type DetectEnv, type DomDetection } from './candidates';
import { SLICE_BUDGET_MS, whenIdle, yieldToPage } from './schedule';
import { TextSegment } from './text-segment';

/** Above this many mutation records before a flush, rescan the whole page once instead. */
export const HUGE_MUTATIONS_COUNT = 10_000;
/** Text nodes handled between two looks at the clock. */
const NODES_PER_CHECK = 32;
/** Possible shadow hosts checked per text node handed out (a page of 100,000 divs stays sliced). */
const HOSTS_PER_STEP = 128;
/** Characters of the shortest code (99213, A0428): shorter text is not read. */
const CODE_LENGTH = 5;
/** Text longer than this is checked for a script/style parent before it is read for codes. */
const LONG_TEXT = 256;
/**
 * Elements that can never host a shadow root we would scan (the HTML spec allows attachShadow
 * only on custom elements and div, span, p, section, article, aside, header, footer, main, nav,
 * blockquote, h1–h6, body): excluded from the host query so a big table costs no wrappers.
 */
const HOST_QUERY =
  ':not(td,th,tr,tbody,thead,table,li,ul,ol,dl,dt,dd,a,b,i,u,em,strong,small,code,pre,sub,sup,abbr,time,br,hr,img,label,input,button,select,option,textarea,form,script,style,svg,path,g,use)';
/** New marks are shown (handed to the Highlight) at most this often while a scan runs… */
const SHOW_INTERVAL_MS = 400;
/** …unless this many are waiting (see #showMarks). */
const SHOW_BATCH = 4096;
/** Forgetting marks of removed rows walks every mark: at most this often. */
const PRUNE_INTERVAL_MS = 1500;
/** An element with at least this many child nodes (a table body, a list) has its text read in groups of children. */
const WIDE = 16;
/** Characters aimed at per group read (the number of children per read adapts to it). */
const SEGMENT_CHARS = 16_384;
/** Fewer text nodes per row than this in a parent's first group: that parent's rows are read one by one. */
const ROW_NODES = 3;
/** Walked nodes read one by one after a node with no wide ancestor, before looking again. */
const NARROW_RUN = 32;
/** A group read this much longer than aimed at (a "row" holding a whole section of the page) ends group reads in its walk. */
const HUGE_SEGMENT_CHARS = 8 * SEGMENT_CHARS;


/** What detectNode needs for one pass (the cache replaced when a mutation starts a new pass). */
type ScanEnv = DetectEnv & { cache: DetectCache };

/**
 * A mark's detection as found: possibly a table column's verdict shared with other cells, or
 * waiting for its row's Mod/Units cells. Made whole by page-controller's markDetection when it is
 * shown or summarised, from the mark's node (nothing else is kept per mark: see Highlighter).
 */
export type MarkData = Detection;

export interface ScannerDeps {
  /** Whether the loaded release knows this code (upper case, 5 characters): the tab's code set. */
  isKnownCode(code: string): boolean;
  /** The start of every window of `text` holding a code the release knows, appended to `out` (CodeSet.windows). */
  knownWindows(text: string, out: number[]): void;
  strictness(): Strictness;
  /** Elements of our own UI (the popover host) to ignore. */
  isOwnNode?(node: Node): boolean;
  /** Closed shadow roots (extension API) where available. */
  openOrClosedShadowRoot?(el: Element): ShadowRoot | null;
  onError?(err: unknown): void;
}

export class Scanner {
  readonly highlighter: Highlighter<MarkData>;
  /** Whether a mark was ever added (the page session loads its UI on the first one). */
  #marked = false;
  /** Roots still to walk (document body, added subtrees, shadow roots), and the walk in progress. */
  #roots: Node[] = [];
  #walker: TreeWalker | null = null;
  /** The root of the walk in progress: group reads (loadSegment) stay inside it. */
  #walkRoot: Node | null = null;
  /** Whether the last node handed out by nextText came from the walker (the segment accounts for it). */
  #fromWalker = false;
  /** The text of the next walked nodes, read at once (see loadSegment). */
  readonly #segment = new TextSegment();
  /** Whether the document is HTML (an XML one may hold CDATA sections: in textContent, not in the walk). */
  readonly #html: boolean;
  /** Walked nodes still to read one by one before looking for a wide ancestor again. */
  #narrowRun = 0;
  /** A row of a wide element the walk entered after its first text node: read one by one to its end. */
  #partRow: Node | null = null;
  /**
   * Whether the walk may pass over a group without visiting its nodes: no mark existed when it
   * began and no text outside it was scanned since. (A mark on a node ahead of the walk, whose
   * text has changed since, would otherwise stay.)
   */
  #skipSafe = false;
  /** The wide element the last group came from, its rows (element children, in order: TextSegment.skipIdleRow's indexes), and one whose rows are too small to group. */
  #segmentParent: ParentNode | null = null;
  #rowEls: Node[] = [];
  #plainParent: ParentNode | null = null;
  /** The walk's root whose group reads were too long (see HUGE_SEGMENT_CHARS). */
  #hugeRoot: Node | null = null;
  /** Detections waiting to be marked (handed over once per slice). */
  #found: DomDetection[] = [];
  /** Possible shadow hosts still to check (one list per walked tree), checked a few at a time. */
  #hosts: Array<{ list: NodeListOf<Element>; next: number }> = [];
  /** Text nodes queued directly (changed text). */
  #texts: Text[] = [];
  readonly #observers: MutationObserver[] = [];
  readonly #observedRoots = new WeakSet<Node>();
  #pendingRecords: MutationRecord[] = [];
  #cancelIdle: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  #rescanTimer: number | null = null;
  #pruneTimer: number | null = null;
  #lastPrune = 0;
  #lastShown = 0;
  /** Table-column statistics and ancestor checks, reused within a pass; dropped when the page changes. */
  #cache: DetectCache = createDetectCache();
  /** Called once, when the first mark is added (the page session loads its UI then). */
  onFirstMark: (() => void) | null = null;
  /** Resolves when the current queue has been fully processed. */
  idle: Promise<void> = Promise.resolve();
  /** Milliseconds spent in scan slices so far (wall clock, what the page waited for; the bench reads it). */
  busyMs = 0;
  /** The longest of those slices: the longest task of ours the page waited for (the bench reads it). */
  maxSliceMs = 0;
  /** When that slice began (performance.now()): the bench matches it with the page's long tasks. */
  maxSliceAt = 0;

  readonly #doc: Document;
  readonly #deps: ScannerDeps;

  constructor(doc: Document, deps: ScannerDeps) {
    this.#doc = doc;
    this.#deps = deps;
    this.highlighter = new Highlighter<MarkData>(doc);
    this.#html = doc.contentType === 'text/html';
  }

  get #win(): Window & typeof globalThis {
    return this.#doc.defaultView as Window & typeof globalThis;
  }

  start(): Promise<void> {
    this.highlighter.measurePage();
    this.#observe(this.#doc);
    this.#roots.push(this.#doc.body ?? this.#doc.documentElement);
    return this.#kick();
  }

  /** Forget every mark and scan the whole page again (strictness changed, huge mutation). */
  rescan(): Promise<void> {
    this.highlighter.clear();
    this.#cache = createDetectCache();
    this.#roots = [this.#doc.body ?? this.#doc.documentElement];
    this.#walker = null;
    this.#segment.clear();
    this.#hosts = [];
    this.#texts = [];
    return this.#kick();
  }

  stop(): void {
    this.#stopped = true;
    for (const o of this.#observers) o.disconnect();
    this.#observers.length = 0;
    this.#cancelIdle?.();
    if (this.#rescanTimer !== null) this.#win.clearTimeout(this.#rescanTimer);
    if (this.#pruneTimer !== null) this.#win.clearTimeout(this.#pruneTimer);
    this.#roots = [];
    this.#walker = null;
    this.#hosts = [];
    this.#texts = [];
    this.highlighter.dispose();
  }

  #isOwn(n: Node): boolean {
    return this.#deps.isOwnNode?.(n) ?? false;
  }

  /**
   * A text-only TreeWalker over one root, without a filter: a filter is a call from the browser
   * into script for every node, and visiting elements costs a script wrapper each (a 20,000-row
   * table has a quarter of a million). Text under skipped elements (script, style, form fields,
   * editable, ours) is rejected later, through its ancestors, and only for text that holds a
   * known code (detectNode, cached per element).
   */
  #walkerFor(root: Node): TreeWalker | null {
    if (root.nodeType !== NODE_TEXT && isInSkippedSubtree(root)) return null;
    const doc = root.nodeType === NODE_DOCUMENT ? (root as Document) : (root.ownerDocument ?? this.#doc);
    this.#queueShadowRoots(root);
    return doc.createTreeWalker(root, SHOW_TEXT);
  }

  /**
   * Queues the possible shadow hosts under `root` (and `root` itself): one selector query (no
   * script wrapper for elements that cannot host a root); their roots are looked up a few at a
   * time by {@link checkHosts} and queued for their own walks.
   */
  #queueShadowRoots(root: Node): void {
    if (root.nodeType === NODE_ELEMENT) this.#queueShadowRootOf(root as Element);
    const list = (root as ParentNode).querySelectorAll?.(HOST_QUERY);
    if (list?.length) this.#hosts.push({ list, next: 0 });
  }

  /** Checks up to HOSTS_PER_STEP pending possible hosts for a shadow root. */
  #checkHosts(): void {
    const h = this.#hosts[0];
    if (!h) return;
    const end = Math.min(h.list.length, h.next + HOSTS_PER_STEP);
    for (; h.next < end; h.next++) this.#queueShadowRootOf(h.list[h.next] as Element);
    if (h.next >= h.list.length) this.#hosts.shift();
  }

  #queueShadowRootOf(el: Element): void {
    const name = el.localName;
    if (name.startsWith(OWN_PREFIX)) return;
    let sr: ShadowRoot | null | undefined = el.shadowRoot;
    // Closed roots through the extension API: a call per element is costly, and closed
    // shadow roots live on custom elements in practice.
    if (!sr && this.#deps.openOrClosedShadowRoot && name.includes('-')) {
      try {
        sr = this.#deps.openOrClosedShadowRoot(el);
      } catch {
        sr = null;
      }
    }
    if (sr && !this.#observedRoots.has(sr)) {
      this.#observe(sr);
      this.#roots.push(sr);
    }
  }

  /**
   * The next text node to scan; undefined when this call only checked possible shadow hosts or
   * empty roots (call again); null when everything queued has been walked.
   */
  #nextText(): Text | null | undefined {
    // Bounded: many added subtrees without text (or hosts) hand control back to the clock check.
    for (let roots = 0; roots < 64; roots++) {
      if (this.#hosts.length) this.#checkHosts();
      const direct = this.#texts.pop();
      this.#fromWalker = false;
      if (direct) return direct;
      const n = this.#walker?.nextNode();
      if (n) {
        this.#fromWalker = true;
        return n as Text;
      }
      this.#walker = null;
      this.#segment.clear();
      this.#partRow = null;
      const root = this.#roots.shift();
      if (!root) return this.#hosts.length ? undefined : null;
      if (!root.isConnected) continue;
      if (root.nodeType === NODE_TEXT) return root as Text;
      // An added element that is itself skipped (a script, our UI…).
      if (root.nodeType === NODE_ELEMENT && (isSkippedTag((root as Element).localName) || (root as Element).localName.startsWith(OWN_PREFIX))) continue;
      this.#walker = this.#walkerFor(root);
      this.#walkRoot = root;
      this.#skipSafe = this.highlighter.size === 0;
    }
    return undefined;
  }

  #kick(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#drain()
        .catch((err) => this.#deps.onError?.(err))
        .finally(() => {
          this.#running = null;
        });
      this.idle = this.#running;
    }
    return this.#running;
  }

  async #drain(): Promise<void> {
    const env: ScanEnv = {
      isKnownCode: this.#deps.isKnownCode,
      strictness: this.#deps.strictness(),
      // No visibility check (no isVisible): text the page hides now (a closed tab, a collapsed
      // section, a dialog) is marked too, and the Highlight paints nothing where no text is
      // rendered, so its marks show the moment the page shows it, whether by a class, a style or
      // an attribute, which no mutation of text reports. (The ancestor check reads tags and
      // attributes only.)
      cache: this.#cache,
    };
    for (;;) {
      const t0 = performance.now();
      const done = this.#scanSlice(env, t0);
      this.#markFound();
      this.#showMarks(done);
      const ms = performance.now() - t0;
      this.busyMs += ms;
      if (ms > this.maxSliceMs) {
        this.maxSliceMs = ms;
        this.maxSliceAt = t0;
      }
      if (done) return;
      await yieldToPage(this.#win);
      if (this.#stopped) return;
      // A mutation flush may have started a new pass (fresh caches); strictness may have changed.
      env.cache = this.#cache;
      env.strictness = this.#deps.strictness();
    }
  }

  /**
   * Scans text nodes until SLICE_BUDGET_MS after `t0`; true when everything queued was walked.
   * A plain function, not the async drain: the loop ran ~8–9 % faster here (V8 optimises a hot
   * loop in an ordinary function by on-stack replacement more readily than in a resumable one).
   */
  #scanSlice(env: ScanEnv, t0: number): boolean {
    for (let n = 0; ; ) {
      if (++n % NODES_PER_CHECK === 0 && performance.now() - t0 >= SLICE_BUDGET_MS) return false;
      const node = this.#nextText();
      if (node === null) return true;
      if (node === undefined) continue;
      // The length is read without a string: text shorter than a code (cell separators, units,
      // modifiers) is never read; long text under a script or style is not read for codes at all.
      const length = node.length;
      if (!this.#fromWalker) this.#skipSafe = false;
      const candidate = !this.#fromWalker || this.#mayHoldCode(node, length);
      if (length < CODE_LENGTH) continue;
      if (length > LONG_TEXT) {
        const parent = node.parentNode as Element | null;
        if (parent?.nodeType === 1 && isSkippedTag(parent.localName)) continue;
      }
      // Text walked again (a moved row, a subtree queued twice, text changed while detached) is
      // marked anew from what it holds now. (Nothing is remembered per unmarked node: a WeakMap
      // entry per code-holding node added 300–500 ms to a one-pass scan of 20,000 rows.)
      if (this.highlighter.hasMarks(node)) this.highlighter.removeNode(node);
      if (!candidate) continue;
      const data = node.data;
      if (holdsKnownCode(data, this.#deps.isKnownCode)) detectNode(node, env, this.#found, true, data);
    }
  }

  /**
   * For a walked node (in walk order): false when its text surely holds no known code, so that
   * its `data` is not read. Every walked node passes here, short ones included (the segment
   * counts their characters).
   */
  #mayHoldCode(node: Text, length: number): boolean {
    if (!this.#segment.active) {
      if (this.#partRow) {
        if (this.#partRow.contains(node)) return true;
        this.#partRow = null;
      }
      if (this.#narrowRun > 0) {
        this.#narrowRun--;
        return true;
      }
      if (!this.#loadSegment(node)) return true;
      // Passed over whole: nothing in it holds a known code.
      if (!this.#segment.active) return false;
    }
    const may = this.#segment.take(length);
    if (may === null) return true;
    // No known code in the rest of this row (most of a claim row once its code cell is passed):
    // the walk goes on after the row, its other nodes are not visited (see skipSafe).
    // (From the next row on: its element was touched by the group read, the last nodes of this
    // one were not, and would each cost a script wrapper.)
    if (this.#skipSafe && this.#walker) {
      const r = this.#segment.skipIdleRow();
      if (r >= 0) {
        const next = this.#rowEls[r + 1];
        if (next) this.#walker.currentNode = next;
        else this.#resumeAfter(this.#rowEls[r] as Node);
      }
    }
    return may;
  }

  /** Moves the walk past `node` and its subtree: the next node handed out follows them. */
  #resumeAfter(node: Node): void {
    while (node.lastChild) node = node.lastChild;
    if (this.#walker) this.#walker.currentNode = node;
  }

  /**
   * Reads the text of the walk's next nodes from `node` on, when `node` starts a child of a wide
   * element (a table body, a list: WIDE child nodes or more) within the walk's root: the text
   * of that child and of its next siblings of the same tag (and the text nodes between them),
   * one `textContent` per child, up to about SEGMENT_CHARS characters. That is the data of the
   * text nodes the walker visits next, in the same order (comments hold none). False when there
   * is no such element near (the next NARROW_RUN nodes are then read one by one) or when `node`
   * is not its row's first text node (the rest of that row is read one by one).
   */
  #loadSegment(node: Text): boolean {
    const root = this.#walkRoot;
    if (!root || !this.#html || root === this.#hugeRoot) {
      this.#narrowRun = NARROW_RUN;
      return false;
    }
    let child: Node = node;
    for (let depth = 0; depth < 6 && child !== root; depth++) {
      const parent: ParentNode | null = child.parentNode;
      if (!parent) break;
      if (parent === this.#plainParent) break;
      if (parent.childNodes.length >= WIDE) {
        // Only from the row's first text node on (a row may start with a checkbox or an empty
        // cell); inside a row entered further on, its nodes are read one by one until it ends.
        const first = child === node ? node : this.#doc.createTreeWalker(child, SHOW_TEXT).nextNode();
        if (first !== node) {
          this.#partRow = child;
          return false;
        }
        // Rows of one node or two each (paragraphs): their `data` is read as cheaply as their
        // `textContent`, and without the group's read; judged on the first group of each parent
        // that was walked to its end (not passed over, not dropped).
        if (this.#segmentParent === parent && this.#segment.done && !this.#segment.skipped && this.#segment.taken < ROW_NODES * this.#rowEls.length) {
          this.#plainParent = parent;
          break;
        }
        // Rows of one kind (a table's, a list's items): a different element may be a whole section.
        let tag: string | null = null;
        let text = '';
        let last: Node = child;
        const starts: number[] = [];
        const ends: number[] = [];
        const els = (this.#rowEls = []) as Node[];
        for (let c: Node | null = child; c && text.length < SEGMENT_CHARS; c = c.nextSibling) {
          const type = c.nodeType;
          if (type === NODE_TEXT) text += (c as Text).data;
          else if (type === NODE_ELEMENT) {
            const name = (c as Element).localName;
            if (tag === null) tag = name;
            else if (name !== tag) break;
            starts.push(text.length);
            text += c.textContent;
            ends.push(text.length);
            els.push(c);
          }
          last = c;
        }
        this.#segment.load(text, this.#deps.knownWindows, starts, ends);
        this.#segmentParent = parent;
        if (text.length > HUGE_SEGMENT_CHARS) this.#hugeRoot = root;
        // No known code in the group and no mark in it that could be stale (see skipSafe): the
        // walk resumes after the group's last node, its text nodes are not visited.
        if (!this.#segment.hasHits && this.#skipSafe) {
          this.#resumeAfter(last);
          this.#segment.clear();
        }
        return true;
      }
      if (parent === root) break;
      child = parent;
    }
    this.#narrowRun = NARROW_RUN;
    return false;
  }

  /** Hands this slice's detections to the Highlight (registry and stylesheet restored if wiped). */
  #markFound(): void {
    const found = this.#found;
    if (!found.length) return;
    this.#found = [];
    this.highlighter.ensureRegistered();
    // (A mark keeps the detection only: its code and row are found again from its node when needed.)
    for (const f of found) this.highlighter.add(f.node, f.start, f.end, f.detection);
    if (!this.#marked && this.highlighter.size) {
      this.#marked = true;
      this.onFirstMark?.();
    }
  }

  /**
   * Hand new marks to the Highlight: at the end of a scan, and during it once the new marks are at
   * least as many as those already shown (so the browser re-validates ~2n ranges in all, not n per
   * frame) but no more often than SHOW_INTERVAL_MS — and at least every 2 s so progress shows —
   * or once SHOW_BATCH are waiting: handing marks over costs time per mark, and a batch of 16,000
   * made the slice it ended 12–24 ms longer (on a big page they go to the viewport registrar,
   * which registers only the marks near the viewport, so more, smaller batches cost no more).
   */
  #showMarks(force: boolean): void {
    const now = performance.now();
    const pending = this.highlighter.pendingCount;
    if (!pending) return;
    const shown = this.highlighter.size - pending;
    const due = pending >= SHOW_BATCH || (now - this.#lastShown >= SHOW_INTERVAL_MS && (pending >= shown || now - this.#lastShown >= 2000));
    if (!force && !due) return;
    this.#lastShown = now;
    this.highlighter.flush();
  }


  // ---- dynamic pages ----

  #observe(root: Document | ShadowRoot): void {
    if (this.#observedRoots.has(root)) return;
    this.#observedRoots.add(root);
    const mo = new this.#win.MutationObserver((records) => this.#onMutations(records));
    mo.observe(root, { childList: true, subtree: true, characterData: true });
    this.#observers.push(mo);
  }

  #onMutations(records: MutationRecord[]): void {
    if (this.#stopped || this.#rescanTimer !== null) return;
    for (const r of records) {
      if (this.#isOwn(r.target)) continue;
      if (r.type === 'childList' && r.addedNodes.length === 1 && r.removedNodes.length === 0 && this.#isOwn(r.addedNodes[0] as Node)) continue;
      this.#pendingRecords.push(r);
    }
    // The text read ahead may no longer be the walk's: read again from the next node.
    if (this.#pendingRecords.length) this.#segment.clear();
    if (this.#pendingRecords.length > HUGE_MUTATIONS_COUNT) {
      // The page replaced itself (SPA navigation, a re-render of everything): one full rescan.
      this.#pendingRecords = [];
      this.#cancelIdle?.();
      this.#cancelIdle = null;
      this.#rescanTimer = this.#win.setTimeout(() => {
        this.#rescanTimer = null;
        void this.rescan();
      }, 400);
      return;
    }
    if (!this.#cancelIdle && this.#pendingRecords.length) this.#cancelIdle = whenIdle(() => this.#flushMutations(), this.#win);
  }

  #flushMutations(): void {
    this.#cancelIdle = null;
    const records = this.#pendingRecords;
    this.#pendingRecords = [];
    let removed = false;
    // Changed text and added roots only.
    for (const r of records) {
      if (r.type === 'characterData') {
        const t = r.target as Text;
        if (this.highlighter.hasMarks(t)) {
          this.highlighter.removeNode(t);
          removed = true;
        }
        if (t.isConnected) this.#texts.push(t);
      } else {
        if (r.removedNodes.length) removed = true;
        r.addedNodes.forEach((n) => {
          if (!this.#isOwn(n) && (n.nodeType === NODE_ELEMENT || n.nodeType === NODE_TEXT)) this.#roots.push(n);
        });
      }
    }
    if (removed) this.#schedulePrune();
    // Layout and table statistics may have changed with the page.
    this.#cache = createDetectCache();
    void this.#kick();
  }

  /** Forget marks of removed nodes, at most every PRUNE_INTERVAL_MS (it walks every mark). */
  #schedulePrune(): void {
    if (this.#pruneTimer !== null) return;
    const wait = Math.max(0, this.#lastPrune + PRUNE_INTERVAL_MS - performance.now());
    this.#pruneTimer = this.#win.setTimeout(() => {
      this.#pruneTimer = null;
      this.#lastPrune = performance.now();
      this.highlighter.prune();
    }, wait);
  }
}

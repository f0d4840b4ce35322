/**
 * DOM context of a text node for scoring: the text around it in the same visual block, the label
 * element before its block, and for table cells the column header, the share of the column's cells
 * that are codes, the row text and Mod/Units cells of the same row. Every read is bounded (chars,
 * nodes, sampled rows) and per-table work is cached, so a 20 000-row table stays linear.
 * Content-script only (DOM, no browser APIs).
 */
import { parseModifierList, parseUnits, singleCodeToken } from '../codes/normalize.ts';
import { findCandidates } from '../codes/patterns.ts';
import { headerVerdict, type BareVerdicts, type DetectContext, type RowExtras } from './score.ts';
import { SKIPPED_SELECTOR, shouldSkipElement, type AncestorMemo } from './text-walker.ts';
import { words } from './words.ts';

/** Characters of neighbouring text read on each side of a node. */
const NEIGHBOUR_CHARS = 64;
/** Rows sampled per column for the code ratio. */
const SAMPLE_ROWS = 50;

const INLINE_TAGS = words(
  'a abbr b bdi bdo cite code data dfn em font i kbd label mark ' +
  'q s samp small span strong sub sup time tt u var wbr nobr ins ' +
  'del',
);

interface TableInfo {
  /** Header text per column index (colspans expanded), or null when the table has no header row. */
  headers: string[] | null;
  /** Columns whose header names modifiers or units, in column order. */
  roleColumns: Array<{ col: number; role: 'mod' | 'units' }>;
  headerRow: Element | null;
  ratios: Map<number, number>;
  /** Per column: the verdict on a cell holding one bare code, by kind (see DetectContext.column). */
  bare: Map<number, BareVerdicts>;
}

interface ListInfo {
  /** Short text of the element before the list ("Tests ordered (CPT)"), or "". */
  header: string;
  /** Fraction of sampled items that start or end with a known code. */
  ratio: number;
}

interface RowInfo {
  el: Element | null;
  /**
   * Whether scoring read the row (its text or Mod/Units cells): its cells' verdicts are their own.
   * (A mark completed later may set it on the row being scanned then: that only costs a cache entry.)
   */
  read?: boolean;
  /** Reads (once) the row's text: scoring asks only when the row's words could change a tier. */
  text: () => string;
  /** One cell per header column (no spans): cells are indexed by `cellIndex` and siblings. */
  plain: boolean;
}

const NO_ROW: RowInfo = { el: null, text: () => '', plain: false };

/** Per-scan caches (tables, rows, skipped ancestors). Create one per full scan or idle batch. */
export interface DetectCache {
  tables: WeakMap<Element, TableInfo>;
  lists: WeakMap<Element, ListInfo>;
  /** The last row read (cells of a row are scanned one after another). */
  row: RowInfo;
  /**
   * Skipped / invisible answers of recent ancestors (isInSkippedSubtree): nodes arrive in
   * document order, so recent ancestors are what counts.
   */
  skipped: AncestorMemo;
  /** The parent element of the last table row (`tr`) read, and its table (most rows share both). */
  section?: Element;
  sectionTable?: Element | null;
}

/** A fresh, empty {@link DetectCache}. */
export function createDetectCache(): DetectCache {
  return { tables: new WeakMap(), lists: new WeakMap(), row: NO_ROW, skipped: [] };
}

function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.localName);
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The visual block of a text node: its parent, or the nearest ancestor that is not inline. */
function blockOf(node: Text): Element | null {
  const parent = node.parentNode;
  return parent !== null && isElement(parent) && !isInline(parent) ? parent : blockAncestor(node);
}

/** Nearest ancestor element that is not an inline element (the visual block of the node). */
export function blockAncestor(node: Node): Element | null {
  let cur = node.parentNode;
  while (cur && isElement(cur)) {
    if (!isInline(cur)) return cur;
    cur = cur.parentNode;
  }
  return cur && isElement(cur) ? cur : null;
}

/** Whether a character is an ASCII letter or digit. */
export function isAlnum(ch: string): boolean {
  return /[A-Za-z0-9]/.test(ch);
}

/**
 * Text next to `node` inside `container`, reading `dir` (-1 backwards, +1 forwards), up to
 * `limit` characters. Crossing a block element ends the read; crossing an inline element boundary
 * between two alphanumerics inserts a space (`<span>WA</span><span>99201</span>` reads "WA 99201").
 */
function neighbourText(node: Node, container: Node, dir: -1 | 1, limit: number): string {
  let out = '';
  let cur: Node = node;
  let crossed = false;
  let steps = 0;
  while (out.length < limit && steps++ < 40) {
    let next: Node | null = dir < 0 ? cur.previousSibling : cur.nextSibling;
    if (next) {
      // Descend to the nearest leaf on the side facing us.
      while (isElement(next)) {
        if (shouldSkipElement(next) || !isInline(next)) break;
        crossed = true;
        const child: Node | null = dir < 0 ? next.lastChild : next.firstChild;
        if (!child) break;
        next = child;
      }
      if (isElement(next)) {
        if (!isInline(next)) break; // a block sibling ends the visual line
        crossed = true;
        cur = next; // skipped or empty inline element
        continue;
      }
      cur = next;
      if (next.nodeType !== 3) continue;
      const data = (next as Text).data;
      const piece = dir < 0 ? data.slice(-limit) : data.slice(0, limit);
      if (piece === '') continue;
      if (dir < 0) {
        const sep = crossed && isAlnum(piece.charAt(piece.length - 1)) && isAlnum(out.charAt(0)) ? ' ' : '';
        out = piece + sep + out;
      } else {
        const sep = crossed && isAlnum(out.charAt(out.length - 1)) && isAlnum(piece.charAt(0)) ? ' ' : '';
        out = out + sep + piece;
      }
      crossed = false;
      continue;
    }
    const parent = cur.parentNode;
    if (!parent || parent === container || !isElement(parent) || !isInline(parent)) break;
    crossed = true;
    cur = parent;
  }
  return dir < 0 ? out.slice(-limit) : out.slice(0, limit);
}

/** The last `limit` characters of the text inside `el` (bounded walk, skipped subtrees ignored). */
function trailingText(el: Element, limit: number): string {
  // Most cells hold text only: the browser joins it in one call (no element inside to skip).
  if (el.childElementCount === 0) return squash(el.textContent ?? '').slice(-limit);
  let out = '';
  let steps = 0;
  const stack: Node[] = [el];
  // Reverse pre-order: push children first-to-last, pop the last one first.
  while (stack.length > 0 && out.length < limit && steps++ < 60) {
    const n = stack.pop() as Node;
    if (n.nodeType === 3) {
      out = (n as Text).data + out;
      continue;
    }
    if (isElement(n) && n !== el && shouldSkipElement(n)) continue;
    for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return squash(out).slice(-limit);
}

function cellSpan(cell: Element): number {
  const v = Number(cell.getAttribute('colspan') ?? '1');
  return Number.isFinite(v) && v >= 1 ? Math.min(v, 100) : 1;
}

function isCell(el: Element): boolean {
  const t = el.localName;
  return t === 'td' || t === 'th';
}

/** Rows of a table in order (thead, tbody, tfoot, direct tr), stopping after `max`. */
function tableRows(table: Element, max: number): Element[] {
  const rows: Element[] = [];
  for (let s = table.firstElementChild; s && rows.length < max; s = s.nextElementSibling) {
    const tag = s.localName;
    if (tag === 'tr') rows.push(s);
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (let r = s.firstElementChild; r && rows.length < max; r = r.nextElementSibling) {
        if (r.localName === 'tr') rows.push(r);
      }
    }
  }
  return rows;
}

/** Cells of a row expanded by colspan: index → cell. */
function cellAt(row: Element, col: number): Element | null {
  let idx = 0;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
    if (!isCell(c)) continue;
    const span = cellSpan(c);
    if (col >= idx && col < idx + span) return c;
    idx += span;
    if (idx > col) break;
  }
  return null;
}

/** The row's facts, read lazily (see {@link RowInfo}). */
function rowInfo(row: Element, info: TableInfo): RowInfo {
  let text: string | undefined;
  const r: RowInfo = {
    el: row,
    text: () => ((r.read = true), (text ??= rowTextOf(row))),
    plain: isPlainRow(row, info),
  };
  return r;
}

/**
 * Whether the row has one element per header column: in a table row those are its cells (the
 * parser moves anything else out), so no colspan shifts the columns.
 */
function isPlainRow(row: Element, info: TableInfo): boolean {
  return info.headers !== null && row.childElementCount === info.headers.length;
}

/** The cell `to - from` siblings away from `cell` (in a plain row, the cell of column `to`). */
function siblingCell(cell: Element, from: number, to: number): Element | null {
  let c: Element | null = cell;
  for (let i = from; c && i < to; i++) c = c.nextElementSibling;
  for (let i = from; c && i > to; i--) c = c.previousElementSibling;
  return c && isCell(c) ? c : null;
}

function columnIndex(cell: Element, plain: boolean): number {
  if (plain) return (cell as HTMLTableCellElement).cellIndex;
  let idx = 0;
  for (let c = cell.previousElementSibling; c; c = c.previousElementSibling) if (isCell(c)) idx += cellSpan(c);
  return idx;
}

const MOD_HEADER_RE = /^(?:mod(?:ifier)?s?|mod\s*\d|modifier\s*\d)\b/i;
const UNITS_HEADER_RE = /\b(?:units?|qty|quantity|days\s*\/\s*units|srv\s*units)\b/i;

/**
 * The last 300 characters of a row's text (what trailingText reads, without a wrapper per node);
 * a short row's text is kept as the browser gives it (its words are what scoring reads).
 */
function rowTextOf(row: Element): string {
  // A row holding nothing trailingText would skip is read by the browser in one call.
  if (row.querySelector(SKIPPED_SELECTOR) === null) {
    const text = row.textContent ?? '';
    return text.length <= 300 ? text : squash(text).slice(-300);
  }
  return trailingText(row, 300);
}

function tableInfo(table: Element, cache: DetectCache): TableInfo {
  let info = cache.tables.get(table);
  if (info) return info;
  let headerRow: Element | null = null;
  const thead = table.querySelector(':scope>thead');
  if (thead) {
    headerRow = thead.querySelector(':scope>tr:last-of-type');
  } else {
    for (const r of tableRows(table, 3)) {
      const cells = Array.from(r.children).filter(isCell);
      if (cells.length > 1 && cells.every((c) => c.localName === 'th')) {
        headerRow = r;
        break;
      }
    }
  }
  let headers: string[] | null = null;
  if (headerRow) {
    headers = [];
    for (let c = headerRow.firstElementChild; c; c = c.nextElementSibling) {
      if (!isCell(c)) continue;
      const text = trailingText(c, 60);
      for (let k = cellSpan(c); k > 0; k--) headers.push(text);
    }
  }
  const roleColumns: TableInfo['roleColumns'] = [];
  headers?.forEach((h, col) => {
    if (h === '') return;
    if (MOD_HEADER_RE.test(h)) roleColumns.push({ col, role: 'mod' });
    else if (UNITS_HEADER_RE.test(h)) roleColumns.push({ col, role: 'units' });
  });
  info = { headers, headerRow, roleColumns, ratios: new Map(), bare: new Map() };
  cache.tables.set(table, info);
  return info;
}

function columnRatio(
  table: Element,
  info: TableInfo,
  col: number,
  isKnownCode: (code: string) => boolean,
): number {
  const cached = info.ratios.get(col);
  if (cached !== undefined) return cached;
  let seen = 0;
  let codes = 0;
  for (const row of tableRows(table, SAMPLE_ROWS + 4)) {
    if (row === info.headerRow || seen >= SAMPLE_ROWS) continue;
    const cell = cellAt(row, col);
    if (!cell || cell.localName === 'th') continue;
    const text = squash(trailingText(cell, 40));
    if (text === '') continue;
    seen++;
    const code = singleCodeToken(text);
    if (code !== null && isKnownCode(code)) codes++;
  }
  const ratio = seen === 0 ? 0 : codes / seen;
  info.ratios.set(col, ratio);
  return ratio;
}

/** A list is a column too: its lead-in text is the header, its items the cells. */
function listInfo(list: Element, cache: DetectCache, isKnownCode: (code: string) => boolean): ListInfo {
  let info = cache.lists.get(list);
  if (info) return info;
  const header = labelOf(list, 60);
  let seen = 0;
  let codes = 0;
  for (let li = list.firstElementChild; li && seen < SAMPLE_ROWS; li = li.nextElementSibling) {
    if (li.localName !== 'li') continue;
    const text = trailingText(li, 80).replace(/[\s.,;:)]+$/, '');
    if (text === '') continue;
    seen++;
    const cands = findCandidates(text);
    const first = cands[0];
    const last = cands[cands.length - 1];
    if ((first && first.start === 0 && isKnownCode(first.code)) || (last && last.extentEnd === text.length && isKnownCode(last.code))) {
      codes++;
    }
  }
  info = { header, ratio: seen === 0 ? 0 : codes / seen };
  cache.lists.set(list, info);
  return info;
}


/**
 * The text of the element just before `el` if it is short (at most `max` characters), else '':
 * a label (<th>CPT</th><td>…, <dt>, <label>) or a list's lead-in; a previous paragraph is not one.
 */
function labelOf(el: Element, max: number): string {
  const prev = el.previousElementSibling;
  if (!prev || shouldSkipElement(prev)) return '';
  const text = trailingText(prev, max + 1);
  return text.length <= max ? text : '';
}

/**
 * The Mod / Units cells of the row of a table cell holding just the code in `node` (in a table
 * whose header names such columns), or null when there are none. What contextFor would find,
 * found again from the node: a mark keeps only its text node, and its row is read when the
 * detection is first shown or summarised. `cache` holds the tables' facts.
 */
export function rowExtrasAt(node: Text, cache: DetectCache): RowExtras | null {
  const cell = blockOf(node)?.closest('td,th');
  const row = cell?.parentElement;
  const table = row?.closest('table');
  if (!cell || !row || !table) return null;
  const info = tableInfo(table, cache);
  if (info.roleColumns.length === 0 || row === info.headerRow || singleCodeToken(trailingText(cell, 40)) === null) return null;
  const plain = isPlainRow(row, info);
  const col = columnIndex(cell, plain);
  const modifiers: string[] = [];
  let units: number | null = null;
  for (const { col: k, role } of info.roleColumns) {
    const c: Element | null = plain ? siblingCell(cell, col, k) : cellAt(row, k);
    // (A spanning cell covers several columns: read once, as the first of them.)
    if (!c || c === cell || (!plain && columnIndex(c, false) !== k)) continue;
    if (role === 'mod') modifiers.push(...(parseModifierList(trailingText(c, 24)) ?? []));
    else units ??= parseUnits(trailingText(c, 24));
  }
  return modifiers.length > 0 || units !== null ? { modifiers: modifiers.slice(0, 4), units } : null;
}

function readLabel(block: Element, ctx: DetectContext): void {
  const label = labelOf(block, 40);
  if (label !== '') ctx.labelBefore = label;
}

/**
 * The scoring context of a text node: neighbouring text, label, and table column facts.
 * @param isKnownCode used for the column code ratio.
 */
export function contextFor(
  node: Text,
  cache: DetectCache,
  isKnownCode: (code: string) => boolean,
): DetectContext {
  const ctx: DetectContext = {};
  const parent = node.parentNode;
  const parentName = parent !== null && isElement(parent) ? parent.localName : '';
  const block = parentName !== '' && !INLINE_TAGS.has(parentName) ? (parent as Element) : blockAncestor(node);
  // Text alone in its block (most table cells) has no neighbours to read.
  const alone = parent === block && node.previousSibling === null && node.nextSibling === null;
  if (!alone) {
    const container: Node = block ?? parent ?? node;
    const before = neighbourText(node, container, -1, NEIGHBOUR_CHARS);
    const after = neighbourText(node, container, 1, NEIGHBOUR_CHARS);
    if (before !== '') ctx.textBefore = before;
    if (after !== '') ctx.textAfter = after;
  }
  if (!block) return ctx;

  // (Each call returning a node costs a wrapper lookup in the content script's world: the cell
  // is usually the block itself, and the table is the last one's when the row's parent is.)
  const name = block === parent ? parentName : block.localName;
  const cell = name === 'td' || name === 'th' ? block : block.closest('td,th');
  const row = cell?.parentElement;
  const section = row?.parentElement ?? null;
  let table = cache.sectionTable;
  if (section === null || row!.localName !== 'tr') table = row?.closest('table');
  else if (section !== cache.section) {
    cache.section = section;
    table = cache.sectionTable = row!.closest('table');
  }
  // The ancestor check of this node (isInSkippedSubtree) starts from its cell, row and section.
  const memo = cache.skipped;
  memo.node = undefined;
  if (parent === cell && cell) {
    const up = (memo.up ??= []);
    up[0] = cell;
    up[1] = row ?? null;
    up[2] = section;
    memo.node = node;
  }
  if (!cell || !row || !table) {
    readLabel(block, ctx);
    const li = block.closest('li');
    const list = li?.parentElement;
    if (li && list) {
      const info = listInfo(list, cache, isKnownCode);
      if (info.header !== '') ctx.columnHeader = info.header;
      ctx.columnCodeRatio = info.ratio;
    }
    return ctx;
  }
  const info = tableInfo(table, cache);
  if (cache.row.el !== row) cache.row = rowInfo(row, info);
  const plain = cache.row.plain;
  const col = columnIndex(cell, plain);
  const header = row !== info.headerRow ? info.headers?.[col] : undefined;
  if (row !== info.headerRow) {
    if (header) ctx.columnHeader = header;
    ctx.columnCodeRatio = columnRatio(table, info, col, isKnownCode);
    let bare = info.bare.get(col);
    if (!bare) info.bare.set(col, (bare = {}));
    ctx.column = bare;
  }
  // A cell under a header naming a code system has its label: the cell before it is data.
  if (block !== cell || !header || !headerVerdict(header).positive) readLabel(block, ctx);
  ctx.rowText = cache.row.text;

  // Mod / Units cells of the same row: read when they could change the tier, else when the
  // detection is first shown or summarised (two cell reads per row saved on a big table).
  if (info.roleColumns.length > 0 && row !== info.headerRow) ctx.rowExtras = { read: () => ((cache.row.read = true), rowExtrasAt(node, cache)) };
  return ctx;
}

/**
 * The multiple-procedure rule for the items of one encounter (issue 6; MULT PROC indicator, CMS
 * record layout RVU25D lines 236-296). Ranks by fee, highest allowed first (ties by code), and
 * prices each unit at its rank through lib/fees applyModifiers (`rank`), so the percentages live in
 * one place. Pure. What it does:
 *
 * - Each unit of an item is one procedure (2 units of an imaging code: the second is reduced).
 * - Indicator 0: no reduction ("not subject to -51"); 9 / blank / unknown: the concept does not apply.
 * - Indicators 1 and 2 (and endoscopy families, below) are ranked together: rank 1 100%, then 50%
 *   (indicator 1: 50%, 25%, 25%, 25%), beyond the 5th by report (contractor-priced: no amount).
 * - Indicator 3 (endoscopy): endoscopies with the same ENDO BASE form a family; the highest-valued
 *   one is paid 100%, every other one its fee minus the base code's fee (priceCode reads the base
 *   code's rows; when the release lacks them the amount is not computed and the line says the family
 *   base is needed), and the base code billed with its family is not paid separately (0). The family
 *   total is then ranked with the other procedures as one procedure (rank ≥ 2: 50%, each member's
 *   amount halved and rounded half-up to the cent). A lone endoscopy is ranked as a plain procedure.
 * - Indicator 4 (imaging): ranked within its DIAGNOSTIC IMAGING FAMILY (the encounter is the session);
 *   rank ≥ 2: technical component 50%, professional component 95%.
 * - Indicator 5 (therapy): ranked among the therapy items; rank ≥ 2: practice expense 50%. CMS ranks
 *   by practice expense; this ranks by fee (the fee is what the tally has).
 * - Indicator 6 (diagnostic cardiovascular) / 7 (ophthalmology): ranked within the indicator;
 *   rank ≥ 2: technical component 75% / 80%. Global-test-only codes (PCTC 4, e.g. 93000) cannot be
 *   split here: lib/fees answers "not priced" and the line says so.
 * - wRVUs are not reduced: the rule is a payment rule (compensation plans differ).
 * - Amounts are per unit in cents from priceCode, summed per item; the totals are exact sums.
 */
import { formatUsd } from '../fees/money';
import type { TallyPricing } from './pricing';
import type { ItemPrice, TallyItem } from './types';

/** Result of the rule for one item. */
export interface MppItemResult {
  item: TallyItem;
  /** MULT PROC indicator of the priced row ("" when the code is not in the file). */
  indicator: string;
  /** 'standard', 'endoscopy 43235', 'imaging 88', 'therapy', 'cardiovascular', 'ophthalmology', 'none'. */
  group: string;
  /** Rank of each unit in its ranking (the standard ranking for standard items and endoscopy families); [] when not ranked. */
  ranks: number[];
  /** Allowed × units before the rule (dollars); null when not priced. */
  baseAllowed: number | null;
  /** Allowed × units after the rule; null when not computed (reason in `lines`). */
  allowed: number | null;
  lines: string[];
}

/** Result of {@link applyMultipleProcedureRule}. */
export interface MppResult {
  items: MppItemResult[];
  /** Sum of baseAllowed over priced items (dollars). */
  baseTotal: number;
  /** Sum of allowed over items with an amount after the rule. */
  allowedTotal: number;
  /** Items whose amount after the rule is null. */
  notComputed: number;
  /** What was done: a summary line, then one line per unit in ranking order. */
  lines: string[];
}

interface Unit {
  idx: number;
  unit: number;
  code: string;
  label: string;
  fee: number | null; // cents
}

const cents = (x: number | null): number | null => (x === null ? null : Math.round(x * 100));
const byFee = (a: { fee: number | null; code: string; idx: number; unit: number }, b: typeof a): number => {
  if (a.fee !== b.fee) {
    if (a.fee === null) return 1;
    if (b.fee === null) return -1;
    return b.fee - a.fee;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : a.idx - b.idx || a.unit - b.unit;
};
/** The rule's outcome from a lib/fees step: "-51, multiple procedure indicator 2, rank 2: 50%" → "50%". */
function outcome(steps: readonly string[]): string | null {
  const s = steps.find((x) => x.includes('multiple procedure indicator'));
  if (!s) return null;
  const i = s.indexOf(': ');
  return i >= 0 ? s.slice(i + 2) : s;
}
const halfUp = (c: number): number => Math.floor((c + 1) / 2);

const GROUP_NAMES: Record<string, string> = { '5': 'therapy', '6': 'cardiovascular', '7': 'ophthalmology' };

/**
 * Apply the multiple-procedure rule to the items of ONE encounter. `pricing` is usually
 * createTallyPricing(source, { localityId, setting }).
 */
export function applyMultipleProcedureRule(items: readonly TallyItem[], pricing: Pick<TallyPricing, 'base' | 'atRank'>): MppResult {
  const bases: Array<ItemPrice | null> = items.map((it) => pricing.base(it));
  const results: MppItemResult[] = items.map((item, i) => {
    const b = bases[i] ?? null;
    const c = b ? cents(b.allowed) : null;
    return {
      item,
      indicator: b?.mppIndicator ?? '',
      group: 'none',
      ranks: [],
      baseAllowed: c === null ? null : (c * item.units) / 100,
      allowed: null,
      lines: [],
    };
  });
  const unitCents: Array<Array<number | null>> = items.map((it) => new Array<number | null>(it.units).fill(null));
  const ordered: string[] = [];
  const say = (idx: number, line: string): void => {
    results[idx]!.lines.push(line);
    ordered.push(line);
  };
  const units: Unit[] = items.flatMap((item, idx) => {
    const label = [item.code, ...item.modifiers].join('-');
    const fee = bases[idx] ? cents(bases[idx]!.allowed) : null;
    return Array.from({ length: item.units }, (_, u) => ({
      idx,
      unit: u,
      code: item.code,
      label: item.units > 1 ? `${label} (unit ${u + 1})` : label,
      fee,
    }));
  });

  // --- Group the units.
  const standard: Unit[] = [];
  const families = new Map<string, Unit[]>();
  const others = new Map<string, Unit[]>();
  for (const u of units) {
    const b = bases[u.idx];
    const ind = b?.mppIndicator ?? '';
    if (ind === '3') {
      const key = b?.endoBase || u.code;
      const list = families.get(key) ?? [];
      list.push(u);
      families.set(key, list);
    }
  }
  for (const u of units) {
    const b = bases[u.idx];
    const r = results[u.idx]!;
    const ind = b?.mppIndicator ?? '';
    if (!b) {
      if (u.unit === 0) say(u.idx, `${u.label}: not in the physician fee schedule; not ranked`);
      continue;
    }
    if (ind === '3') continue;
    if ((ind === '1' || ind === '2') && families.has(u.code)) {
      families.get(u.code)!.push(u);
    } else if (ind === '1' || ind === '2') {
      standard.push(u);
      r.group = 'standard';
    } else if (ind === '4') {
      const key = `imaging ${b.imagingFamily || '88'}`;
      others.set(key, [...(others.get(key) ?? []), u]);
      r.group = key;
    } else if (ind === '5' || ind === '6' || ind === '7') {
      const key = GROUP_NAMES[ind]!;
      others.set(key, [...(others.get(key) ?? []), u]);
      r.group = key;
    } else {
      unitCents[u.idx]![u.unit] = u.fee;
      r.group = 'none';
      if (u.unit === 0) {
        say(u.idx, ind === '0' ? `${u.label.replace(/ \(unit 1\)$/, '')} not subject to -51 (indicator 0)` : `${u.label.replace(/ \(unit 1\)$/, '')}: multiple-procedure rule does not apply (indicator ${ind || 'blank'})`);
      }
    }
  }

  // --- Endoscopy families: family rule first (lone endoscopies are plain procedures).
  type Entry = { kind: 'unit'; u: Unit; fee: number | null; code: string; idx: number; unit: number } | { kind: 'family'; base: string; members: Unit[]; fee: number | null; code: string; idx: number; unit: number };
  const entries: Entry[] = standard.map((u) => ({ kind: 'unit', u, fee: u.fee, code: u.code, idx: u.idx, unit: u.unit }));
  for (const [base, members] of families) {
    if (members.length === 1) {
      const u = members[0]!;
      results[u.idx]!.group = 'standard';
      entries.push({ kind: 'unit', u, fee: u.fee, code: u.code, idx: u.idx, unit: u.unit });
      continue;
    }
    members.sort(byFee);
    let total: number | null = 0;
    members.forEach((u, k) => {
      const r = results[u.idx]!;
      r.group = `endoscopy ${base}`;
      let c: number | null;
      if (k === 0) {
        c = cents(pricing.atRank(items[u.idx]!, 1).allowed);
        say(u.idx, `${u.label}: highest-valued endoscopy of family ${base}: 100%`);
      } else if (u.code === base) {
        c = 0;
        say(u.idx, `${u.label}: base endoscopy of family ${base}, billed with another endoscopy of the family: not paid separately`);
      } else {
        const p = pricing.atRank(items[u.idx]!, 2);
        c = cents(p.allowed);
        say(
          u.idx,
          c === null
            ? `${u.label}: endoscopy family ${base}: pays its fee minus the base ${base} fee, which cannot be computed without the family base (${p.reason ?? 'not priced'})`
            : `${u.label}: endoscopy family ${base}, not the highest: its fee minus the base ${base} fee = ${formatUsd(c)}`,
        );
      }
      unitCents[u.idx]![u.unit] = c;
      total = total === null || c === null ? null : total + c;
    });
    const first = members[0]!;
    entries.push({ kind: 'family', base, members, fee: total, code: first.code, idx: first.idx, unit: first.unit });
  }

  // --- Standard ranking (indicators 1, 2 and endoscopy families).
  entries.sort(byFee);
  entries.forEach((e, k) => {
    const rank = k + 1;
    if (e.kind === 'unit') {
      const item = items[e.u.idx]!;
      results[e.u.idx]!.ranks.push(rank);
      if (bases[e.u.idx]?.mppIndicator === '3' && rank > 1) {
        // A lone endoscopy ranks as a plain procedure (the family rule of lib/fees does not apply).
        const full = cents(pricing.atRank(item, 1).allowed);
        const c = rank > 5 || full === null ? null : halfUp(full);
        unitCents[e.u.idx]![e.u.unit] = c;
        const what = rank > 5 ? 'beyond the 5th procedure payment is by report: contractor-priced' : full === null ? 'not priced' : '50%';
        say(e.u.idx, `${e.u.label} rank ${rank} with -51: ${what}`);
        return;
      }
      const p = pricing.atRank(item, rank);
      const c = cents(p.allowed);
      unitCents[e.u.idx]![e.u.unit] = c;
      const what = rank === 1 ? '100%' : (outcome(p.steps) ?? (c !== null && e.fee ? `${((100 * c) / e.fee).toFixed(1)}%` : 'not priced'));
      const tail = c === null && rank > 1 && p.reason && !what.includes('contractor') ? ` (${p.reason})` : '';
      say(e.u.idx, `${e.u.label} rank ${rank}${rank > 1 ? ' with -51' : ''}: ${what}${tail}`);
      return;
    }
    for (const m of e.members) results[m.idx]!.ranks.push(rank);
    const firstIdx = e.members[0]!.idx;
    if (rank === 1) {
      say(firstIdx, `endoscopy family ${e.base}${e.fee === null ? '' : ` (${formatUsd(e.fee)})`} rank 1: 100%`);
    } else if (rank > 5) {
      for (const m of e.members) unitCents[m.idx]![m.unit] = null;
      say(firstIdx, `endoscopy family ${e.base} rank ${rank} with -51: beyond the 5th procedure payment is by report: contractor-priced`);
    } else {
      for (const m of e.members) {
        const c = unitCents[m.idx]![m.unit] ?? null;
        unitCents[m.idx]![m.unit] = c === null ? null : halfUp(c);
      }
      say(firstIdx, `endoscopy family ${e.base}${e.fee === null ? '' : ` (${formatUsd(e.fee)})`} rank ${rank} with -51: 50%`);
    }
  });

  // --- Imaging families, therapy, cardiovascular, ophthalmology: ranked within the group.
  for (const [group, list] of others) {
    list.sort(byFee);
    list.forEach((u, k) => {
      const rank = k + 1;
      results[u.idx]!.ranks.push(rank);
      const p = pricing.atRank(items[u.idx]!, rank);
      const c = cents(p.allowed);
      unitCents[u.idx]![u.unit] = c;
      const what = rank === 1 ? '100%' : (outcome(p.steps) ?? 'not priced');
      const tail = c === null && rank > 1 && p.reason && !what.includes('not priced') ? ` (${p.reason})` : '';
      say(u.idx, `${u.label} rank ${rank} (${group}): ${what}${tail}`);
    });
  }

  // --- Totals.
  let baseTotal = 0;
  let allowedTotal = 0;
  let notComputed = 0;
  results.forEach((r, i) => {
    const list = unitCents[i]!;
    const sum = list.some((c) => c === null) ? null : list.reduce<number>((s, c) => s + (c ?? 0), 0);
    r.allowed = sum === null ? null : sum / 100;
    if (r.baseAllowed !== null) baseTotal += Math.round(r.baseAllowed * 100);
    if (sum === null) notComputed += 1;
    else allowedTotal += sum;
  });
  const n = items.length;
  const summary =
    `Multiple-procedure rule on ${n} item${n === 1 ? '' : 's'}: allowed ${formatUsd(baseTotal)} → ${formatUsd(allowedTotal)}` +
    (notComputed > 0 ? ` (${notComputed} item${notComputed === 1 ? '' : 's'} not computed)` : '');
  return { items: results, baseTotal: baseTotal / 100, allowedTotal: allowedTotal / 100, notComputed, lines: [summary, ...ordered] };
}

/** Group items by their encounter label; items without one are left out (the rule needs an encounter). */
export function itemsByEncounter(items: readonly TallyItem[]): Map<string, TallyItem[]> {
  const out = new Map<string, TallyItem[]>();
  for (const it of items) {
    if (!it.encounter) continue;
    const list = out.get(it.encounter) ?? [];
    list.push(it);
    out.set(it.encounter, list);
  }
  return out;
}

// Modifier adjustments: a separate step after base pricing (price.ts). Selects the row (26/TC/53),
// then applies exact rational multipliers per rule with one explanation line each, units last,
// and rounds to cents once. Rules cite the CMS record layout RVU25D_pdf_extracted_text.txt (lines).

import type { PfsRow } from '../dataset/types';
import { addFrac, formatUsd, mulFrac, percentText, roundCents, subFrac, type Frac } from './money';
import { SETTINGS, type RowPrice, type Setting } from './price';
import { pctcText } from './status';

/** Input of {@link applyModifiers}. */
export interface ModifierRequest {
  /** All rows of the code: global ("" modifier) and any 26 / TC / 53 rows. */
  rows: readonly PfsRow[];
  /** Requested modifiers, e.g. ['26','51'], ['50'], ['25','GC']. Case-insensitive. */
  modifiers: readonly string[];
  /** Units (default 1); multiplied in at the end. */
  units?: number;
  /** Rank of this procedure by fee among the multiple procedures of the day (1 = highest). With -51
   * it defaults to 2 (-51 marks the secondary procedures); given without -51 it still ranks the
   * code (imaging/therapy reductions apply without a modifier). */
  rank?: number;
  /** Base pricer bound to the locality, CF track and OPPS caps (e.g. `row => priceRow(row, loc, opts)`). */
  price: (row: PfsRow) => RowPrice;
  /** Rows of the ENDO BASE code, for multiple-procedure indicator 3 (endoscopy family). */
  endoBaseRows?: readonly PfsRow[];
}

/** One setting after the modifier step. */
export interface AdjustedSetting {
  cents: number | null;
  reason: string | null;
}

/** Result of {@link applyModifiers}. */
export interface AdjustedPrice {
  /** The row priced (global, 26, TC or 53); null when the code has no rows. */
  row: PfsRow | null;
  /** Base price of that row, before adjustments. */
  base: RowPrice | null;
  nonFacility: AdjustedSetting;
  facility: AdjustedSetting;
  /** One line per rule applied or considered, in order; [] when nothing applies. */
  steps: string[];
}

/** Modifiers that do not change the fee (informational / edit bypass / pricing-neutral). */
export const INFORMATIONAL_MODIFIERS: Readonly<Record<string, string>> = Object.freeze({
  '24': 'unrelated E/M during a postoperative period',
  '25': 'significant, separately identifiable E/M',
  '57': 'decision for surgery',
  '59': 'distinct procedural service',
  XE: 'separate encounter',
  XS: 'separate structure',
  XP: 'separate practitioner',
  XU: 'unusual non-overlapping service',
  RT: 'right side',
  LT: 'left side',
  GC: 'performed in part by a resident under a teaching physician',
  GE: 'performed by a resident without the presence of a teaching physician (primary care exception)',
  '95': 'synchronous telemedicine',
  '76': 'repeat procedure by the same physician',
  '77': 'repeat procedure by another physician',
  '79': 'unrelated procedure during the postoperative period (new global period)',
  '91': 'repeat clinical diagnostic laboratory test',
  KX: 'requirements specified in the medical policy have been met',
  GA: 'waiver of liability statement on file',
  GY: 'statutorily excluded / not a Medicare benefit',
  GZ: 'expected to be denied as not reasonable and necessary',
  Q5: 'reciprocal billing arrangement',
  Q6: 'fee-for-time compensation arrangement (locum tenens)',
});

const ONE: [bigint, bigint] = [1n, 1n];
const pct = (num: bigint, den: bigint): string => percentText(num, den);
const dollars = (f: Frac | null): string => (f === null ? 'n/a' : formatUsd(roundCents(f)));

/**
 * Working state: per setting the (possibly transformed) base amount, plus one scalar factor for
 * all settings. Component/endoscopy/therapy rules transform the base amounts; percentage rules
 * multiply the factor. Both are linear, so the order of application does not change the result.
 */
interface State {
  nonFacility: { exact: Frac | null; reason: string | null };
  facility: { exact: Frac | null; reason: string | null };
  factor: { n: bigint; d: bigint };
}

function blockAll(state: State, reason: string): void {
  for (const s of SETTINGS) if (state[s].exact !== null) state[s] = { exact: null, reason };
}

function scaleAll(state: State, num: bigint, den: bigint): void {
  state.factor = { n: state.factor.n * num, d: state.factor.d * den };
}

/** Share of the global package in hundredths (0.10 -> 10n). */
const share = (x: number): bigint => BigInt(Math.round(x * 100));

/**
 * Choose the row for the requested modifiers: -26/-TC use the 26/TC row only when PCTC is 1,
 * -53 uses the 53 row only where the file has one. Returns the row (or null) and the explanation.
 */
export function selectRow(
  rows: readonly PfsRow[],
  modifiers: readonly string[],
): { row: PfsRow | null; steps: string[]; blocked: string | null } {
  const mods = new Set(modifiers.map((m) => m.toUpperCase()));
  const global = rows.find((r) => r.modifier === '') ?? rows[0] ?? null;
  const steps: string[] = [];
  if (!global) return { row: null, steps, blocked: 'code not in the fee schedule file' };
  const byMod = (m: string) => rows.find((r) => r.modifier === m) ?? null;

  // Record layout lines 149-152 and 571-582: PCTC 1 codes have 26 / TC rows; lines 563-568,
  // 590, 602, 610, 622: "Modifiers 26 and TC cannot be used with these codes" (0, 2, 3, 4, 5);
  // line 629: PCTC 6 "Modifier TC cannot be used"; lines 639-646: PCTC 8, "No TC billing".
  const has26 = mods.has('26');
  const hasTc = mods.has('TC');
  if (has26 && hasTc) {
    const msg = '-26 with -TC: the two components together are the global service; bill the code without either';
    return { row: global, steps: [msg], blocked: '-26 and -TC together are not valid' };
  }
  if (has26 || hasTc) {
    const m = has26 ? '26' : 'TC';
    const what = has26 ? 'professional component' : 'technical component';
    if (global.pctc === '1') {
      const row = byMod(m);
      if (!row) {
        const msg = `-${m}, ${pctcText('1')}: the file has no ${m} row for this code`;
        return { row: global, steps: [msg], blocked: `no ${m} row in the file` };
      }
      steps.push(`-${m}, PC/TC indicator 1: ${what} row (${m}) used`);
      return { row, steps, blocked: null };
    }
    if (has26 && (global.pctc === '6' || global.pctc === '8')) {
      steps.push(`-26, ${pctcText(global.pctc)}: the code's RVUs are the physician interpretation; priced as listed (no separate 26 row)`);
      return { row: global, steps, blocked: null };
    }
    const msg = `-${m}, ${pctcText(global.pctc)}: modifier ${m} cannot be used with this code (only PC/TC indicator 1 codes have 26/TC rows)`;
    return { row: global, steps: [msg], blocked: `modifier ${m} not valid for this code (PC/TC ${global.pctc || 'blank'})` };
  }

  // Record layout lines 152-160: separate -53 RVUs exist only for a few codes (a 53 row);
  // "Any other codes billed with modifier -53 are ... priced by individual consideration".
  if (mods.has('53')) {
    const row = byMod('53');
    if (row) {
      steps.push('-53, discontinued procedure: the file\'s 53 row (separate reduced RVUs) used');
      return { row, steps, blocked: null };
    }
    const msg = '-53, discontinued procedure: no 53 row for this code; contractor-priced (individual consideration)';
    return { row: global, steps: [msg], blocked: '-53 without a 53 row: contractor-priced' };
  }
  return { row: global, steps, blocked: null };
}

/**
 * Apply the requested modifiers, rank and units to a code's base price. Percentages are exact
 * rationals; each setting is rounded half-up to cents once, at the end.
 */
export function applyModifiers(req: ModifierRequest): AdjustedPrice {
  const mods = [...new Set(req.modifiers.map((m) => m.trim().toUpperCase()).filter(Boolean))];
  const modSet = new Set(mods);
  const units = req.units ?? 1;
  const sel = selectRow(req.rows, mods);
  const steps = [...sel.steps];
  if (!sel.row) {
    const reason = sel.blocked ?? 'code not in the fee schedule file';
    return { row: null, base: null, nonFacility: { cents: null, reason }, facility: { cents: null, reason }, steps };
  }
  const row = sel.row;
  const base = req.price(row);
  const state: State = {
    nonFacility: { exact: base.nonFacility.exact, reason: base.nonFacility.reason },
    facility: { exact: base.facility.exact, reason: base.facility.reason },
    factor: { n: 1n, d: 1n },
  };
  if (sel.blocked) blockAll(state, sel.blocked);

  // --- Split global package: -54 / -55 / -56 (and -78). The shares are the PRE/INTRA/POST OP
  // percentages (layout lines 230-235). Which modifier takes which share is NOT in the record
  // layout: Medicare Claims Processing Manual ch. 12 §40 (54 = pre-op + intra-op, 55 = post-op,
  // 56 = pre-op; 78 = intra-op only).
  const splitMods = ['54', '55', '56'].filter((m) => modSet.has(m));
  if (splitMods.length > 0 || modSet.has('78')) {
    const total = share(row.preOp) + share(row.intraOp) + share(row.postOp);
    const label = splitMods.map((m) => `-${m}`).join(' ') || '-78';
    if (total === 0n) {
      if (splitMods.length > 0) {
        blockAll(state, `${label}: global days ${row.globalDays}: no pre/intra/post-op split in the file; contractor-priced`);
        steps.push(`${label}: global days ${row.globalDays}: the file has no pre/intra/post-op shares for this code; not priced`);
      } else {
        steps.push(`-78, return to the OR: global days ${row.globalDays} has no intra-op share; no fee change`);
      }
    } else {
      if (splitMods.length > 0) {
        const parts: string[] = [];
        let sum = 0n;
        if (modSet.has('54') || modSet.has('56')) {
          parts.push(`pre-op ${share(row.preOp)}%`);
          sum += share(row.preOp);
        }
        if (modSet.has('54')) {
          parts.push(`intra-op ${share(row.intraOp)}%`);
          sum += share(row.intraOp);
        }
        if (modSet.has('55')) {
          parts.push(`post-op ${share(row.postOp)}%`);
          sum += share(row.postOp);
        }
        const names: Record<string, string> = { '54': 'surgical care only', '55': 'postoperative management only', '56': 'preoperative management only' };
        const eq = parts.length > 1 ? ` = ${pct(sum, total)}` : '';
        steps.push(`${splitMods.map((m) => `-${m}`).join(', ')} (${splitMods.map((m) => names[m]).join(' + ')}): ${parts.join(' + ')}${eq}`);
        scaleAll(state, sum, total);
        if (modSet.has('78')) steps.push('-78: ignored together with -54/-55/-56');
      } else {
        steps.push(`-78, unplanned return to the OR during the global period: intra-op share ${pct(share(row.intraOp), total)} (Claims Processing Manual ch. 12)`);
        scaleAll(state, share(row.intraOp), total);
      }
    }
  }

  // --- Bilateral -50 (layout lines 297-351); RT+LT on one line is reported the same way (line 301, 314).
  const bilateral = modSet.has('50') || (modSet.has('RT') && modSet.has('LT'));
  if (bilateral) {
    const how = modSet.has('50') ? '-50' : 'RT+LT on one line (bilateral)';
    const ind = row.bilatSurg;
    if (ind === '1') {
      steps.push(`${how}, bilateral indicator 1: 150%`);
      scaleAll(state, 3n, 2n);
    } else if (ind === '2') {
      steps.push(`${how}, bilateral indicator 2: RVUs already bilateral: 100%`);
    } else if (ind === '3') {
      steps.push(`${how}, bilateral indicator 3: each side paid at 100%: 200%`);
      scaleAll(state, 2n, 1n);
    } else if (ind === '0') {
      steps.push(`${how}, bilateral indicator 0: bilateral adjustment does not apply: 100% of a single code`);
    } else {
      steps.push(`${how}, bilateral indicator ${ind || '(blank)'}: concept does not apply: no fee change`);
    }
    if (units > 1) steps.push(`${how} is normally reported as 1 unit; ${units} units multiply the bilateral amount`);
  } else if (units === 2 && row.bilatSurg === '1') {
    steps.push('note: bilateral indicator 1 and 2 units: Medicare may treat this as bilateral (150%), not 2 × 100%');
  }

  // --- Multiple procedures -51 / rank (layout lines 236-296).
  if (modSet.has('51') || req.rank !== undefined) {
    applyMultipleProcedure(req, row, base, state, steps, modSet.has('51'));
  }

  // --- Assistant at surgery -80 / -81 / -82 / AS (indicator: layout lines 352-362). The 16% and
  // the 85% for non-physician assistants are NOT in the record layout: Claims Processing Manual
  // ch. 12 §20.4.3 (16% of the fee schedule amount) and §110/§120 (85% of that for PA/NP/CNS).
  const asstMods = ['80', '81', '82', 'AS'].filter((m) => modSet.has(m));
  if (asstMods.length > 0) {
    const nonPhysician = modSet.has('AS');
    const label = asstMods.map((m) => `-${m}`).join(' ');
    const [num, den] = nonPhysician ? [17n, 125n] : [4n, 25n];
    const rate = nonPhysician ? `${pct(num, den)} (85% × 16%, non-physician assistant)` : pct(num, den);
    const ind = row.asstSurg;
    if (ind === '2') {
      steps.push(`${label}, assistant-at-surgery indicator 2: ${rate}`);
      scaleAll(state, num, den);
    } else if (ind === '0') {
      steps.push(`${label}, assistant-at-surgery indicator 0: paid only with documentation of medical necessity: ${rate}`);
      scaleAll(state, num, den);
    } else if (ind === '1') {
      steps.push(`${label}, assistant-at-surgery indicator 1: statutory restriction: assistant at surgery not paid`);
      blockAll(state, 'assistant at surgery not paid (indicator 1)');
    } else {
      steps.push(`${label}, assistant-at-surgery indicator ${ind || '(blank)'}: concept does not apply: not paid`);
      blockAll(state, 'assistant at surgery: concept does not apply');
    }
  }

  // --- Co-surgeons -62 (indicator: layout lines 363-373; 62.5% is NOT in the layout: Claims
  // Processing Manual ch. 12 §40.8).
  if (modSet.has('62')) {
    const ind = row.coSurg;
    if (ind === '1' || ind === '2') {
      const doc = ind === '1' ? ' (documentation of medical necessity required)' : '';
      steps.push(`-62, co-surgery indicator ${ind}: 62.5% to each surgeon${doc}`);
      scaleAll(state, 5n, 8n);
    } else if (ind === '0') {
      steps.push('-62, co-surgery indicator 0: co-surgeons not permitted for this procedure: not paid');
      blockAll(state, 'co-surgeons not permitted (indicator 0)');
    } else {
      steps.push(`-62, co-surgery indicator ${ind || '(blank)'}: concept does not apply: not paid`);
      blockAll(state, 'co-surgery: concept does not apply');
    }
  }

  // --- Team surgery -66 (layout lines 374-381: "pay by report").
  if (modSet.has('66')) {
    const ind = row.teamSurg;
    if (ind === '1' || ind === '2') {
      const doc = ind === '1' ? ' with documentation of medical necessity' : '';
      steps.push(`-66, team-surgery indicator ${ind}: team surgeons paid by report${doc}: contractor-priced`);
      blockAll(state, 'team surgery: contractor-priced (by report)');
    } else if (ind === '0') {
      steps.push('-66, team-surgery indicator 0: team surgeons not permitted: not paid');
      blockAll(state, 'team surgeons not permitted (indicator 0)');
    } else {
      steps.push(`-66, team-surgery indicator ${ind || '(blank)'}: concept does not apply: not paid`);
      blockAll(state, 'team surgery: concept does not apply');
    }
  }

  // --- Informational and unknown modifiers.
  const handled = new Set(['26', 'TC', '53', '54', '55', '56', '78', '50', '51', '80', '81', '82', 'AS', '62', '66']);
  for (const m of mods) {
    if (handled.has(m)) continue;
    if ((m === 'RT' || m === 'LT') && bilateral && !modSet.has('50')) continue;
    const info = INFORMATIONAL_MODIFIERS[m];
    steps.push(info ? `-${m} (${info}): no fee change` : `-${m}: not modeled; no fee adjustment applied`);
  }

  // --- Units, last.
  if (units !== 1) {
    steps.push(`× ${units} units`);
    scaleAll(state, BigInt(units), 1n);
  }

  const out = (s: Setting): AdjustedSetting => {
    const e = state[s].exact;
    if (e === null) return { cents: null, reason: state[s].reason ?? 'not priced' };
    return { cents: roundCents(mulFrac(e, state.factor.n, state.factor.d)), reason: null };
  };
  return { row, base, nonFacility: out('nonFacility'), facility: out('facility'), steps };
}

/** Multiple-procedure rules by MULT PROC indicator (layout lines 236-296). */
function applyMultipleProcedure(
  req: ModifierRequest,
  row: PfsRow,
  base: RowPrice,
  state: State,
  steps: string[],
  has51: boolean,
): void {
  const rank = req.rank ?? 2;
  const ind = row.multProc;
  const label = `${has51 ? '-51, ' : ''}multiple procedure indicator ${ind || '(blank)'}, rank ${rank}`;
  if (!Number.isInteger(rank) || rank < 1) {
    steps.push(`${label}: rank must be a whole number ≥ 1; not priced`);
    blockAll(state, 'invalid multiple-procedure rank');
    return;
  }
  const byReport = (): void => {
    steps.push(`${label}: beyond the 5th procedure payment is by report: contractor-priced`);
    blockAll(state, 'multiple procedure beyond the 5th: by report (contractor-priced)');
  };
  switch (ind) {
    case '0': // line 239: no payment adjustment rules for multiple procedures apply.
      steps.push(`${label}: no multiple-procedure reduction: 100%`);
      return;
    case '1': {
      // lines 243-250 (pre-1995 rules): 100%, 50%, 25%, 25%, 25%, by report.
      if (rank > 5) return byReport();
      const [n, d] = rank === 1 ? ONE : rank === 2 ? [1n, 2n] : [1n, 4n];
      steps.push(`${label}: ${pct(n, d)}`);
      scaleAll(state, n, d);
      return;
    }
    case '2': {
      // lines 251-257: 100%, 50%, 50%, 50%, 50% and by report.
      if (rank > 5) return byReport();
      const [n, d] = rank === 1 ? ONE : [1n, 2n];
      steps.push(`${label}: ${pct(n, d)}`);
      scaleAll(state, n, d);
      return;
    }
    case '3':
      return endoscopy(req, row, state, steps, label, rank);
    case '4': // lines 271-285: imaging, same family: TC 50%, PC 5% reduction (2017+).
      return componentReduction(req, row, state, steps, label, rank, [1n, 2n], [19n, 20n], 'diagnostic imaging (same family, same session)');
    case '5': {
      // lines 286-287: "Subject to 50% of the practice expense component for certain therapy services".
      if (rank === 1) {
        steps.push(`${label} (therapy): highest practice-expense service: 100%`);
        return;
      }
      for (const s of SETTINGS) {
        const parts = base[s].parts;
        if (state[s].exact === null || parts === null) continue;
        if (base[s].capApplied) {
          state[s] = { exact: null, reason: 'therapy reduction with an OPPS cap: not computed' };
          continue;
        }
        state[s] = { exact: addFrac(addFrac(parts.work, mulFrac(parts.pe, 1n, 2n)), parts.mp), reason: null };
      }
      steps.push(`${label} (therapy): practice expense 50%, work and malpractice 100%`);
      steps.push('note: Medicare also applies the therapy PE reduction to the 2nd and later units of the same code; not computed here');
      return;
    }
    case '6': // lines 288-290: diagnostic cardiovascular TC 25% reduction for 2nd and later.
      return componentReduction(req, row, state, steps, label, rank, [3n, 4n], ONE, 'diagnostic cardiovascular');
    case '7': // lines 291-293: diagnostic ophthalmology TC 20% reduction for 2nd and later.
      return componentReduction(req, row, state, steps, label, rank, [4n, 5n], ONE, 'diagnostic ophthalmology');
    default: // '9' (line 296) and anything else.
      steps.push(`${label}: concept does not apply: no multiple-procedure reduction`);
  }
}

/** Indicators 4/6/7: reduce the technical and professional components separately for rank ≥ 2. */
function componentReduction(
  req: ModifierRequest,
  row: PfsRow,
  state: State,
  steps: string[],
  label: string,
  rank: number,
  tc: [bigint, bigint],
  pc: [bigint, bigint],
  family: string,
): void {
  if (rank === 1) {
    steps.push(`${label} (${family}): highest-priced procedure: 100%`);
    return;
  }
  const tcText = `technical component ${pct(tc[0], tc[1])}`;
  const pcText = `professional component ${pct(pc[0], pc[1])}`;
  const isTc = row.modifier === 'TC' || row.pctc === '3';
  const isPc = row.modifier === '26' || row.pctc === '2';
  if (isTc || isPc) {
    const [n, d] = isTc ? tc : pc;
    steps.push(`${label} (${family}): ${isTc ? tcText : pcText}`);
    scaleAll(state, n, d);
    return;
  }
  if (tc[0] * pc[1] === pc[0] * tc[1]) {
    steps.push(`${label} (${family}): ${pct(tc[0], tc[1])}`);
    scaleAll(state, tc[0], tc[1]);
    return;
  }
  const pcRow = row.pctc === '1' ? req.rows.find((r) => r.modifier === '26') : undefined;
  const tcRow = row.pctc === '1' ? req.rows.find((r) => r.modifier === 'TC') : undefined;
  if (!pcRow || !tcRow) {
    const why =
      row.pctc === '4'
        ? 'this global-test-only code\'s components are separate codes; price them to apply the reduction'
        : 'no 26/TC rows to split the global amount';
    steps.push(`${label} (${family}): ${tcText}, ${pcText}; ${why}: not priced`);
    blockAll(state, 'component reduction needs the 26/TC split');
    return;
  }
  const pcPrice = req.price(pcRow);
  const tcPrice = req.price(tcRow);
  for (const s of SETTINGS) {
    if (state[s].exact === null) continue;
    const p = pcPrice[s].exact;
    const t = tcPrice[s].exact;
    if (p === null || t === null) {
      state[s] = { exact: null, reason: 'component reduction: a component is not priced in this setting' };
      continue;
    }
    state[s] = { exact: addFrac(mulFrac(p, pc[0], pc[1]), mulFrac(t, tc[0], tc[1])), reason: null };
  }
  steps.push(`${label} (${family}): global = ${pcText} of the 26 amount + ${tcText} of the TC amount`);
}

/** Indicator 3: endoscopy family (layout lines 258-270). */
function endoscopy(req: ModifierRequest, row: PfsRow, state: State, steps: string[], label: string, rank: number): void {
  if (rank === 1) {
    steps.push(`${label} (endoscopy): highest-valued endoscopy: 100%`);
    return;
  }
  const baseCode = row.endoBase.trim();
  const baseRow = req.endoBaseRows?.find((r) => r.modifier === '') ?? req.endoBaseRows?.[0];
  if (!baseCode || !baseRow) {
    steps.push(`${label} (endoscopy, base ${baseCode || 'unknown'}): pays this code's fee minus its base endoscopy's fee; base code not available: not priced`);
    blockAll(state, 'endoscopy family rule needs the base code');
    return;
  }
  const endo = req.price(baseRow);
  const shown: string[] = [];
  for (const s of SETTINGS) {
    const own = state[s].exact;
    const b = endo[s].exact;
    if (own === null) continue;
    if (b === null) {
      state[s] = { exact: null, reason: `endoscopy base ${baseCode} not priced in this setting` };
      continue;
    }
    let diff = subFrac(own, b);
    if (diff.n < 0n) diff = { n: 0n, d: 1n };
    state[s] = { exact: diff, reason: null };
    shown.push(`${s === 'facility' ? 'facility' : 'non-facility'} ${dollars(own)} − ${dollars(b)}`);
  }
  steps.push(`${label} (endoscopy, base ${baseCode}): another endoscopy of the same family ranks higher: this code's fee minus the base code's fee (${shown.join('; ')})`);
  steps.push('note: the endoscopy family total is then ranked with other procedures by the standard rule (100%/50%); a base code billed with its family is not paid separately');
}

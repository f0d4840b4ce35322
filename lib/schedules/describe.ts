/**
 * Which Medicare fee schedule pays a code, and how much, for codes the physician fee schedule does
 * not price: lab tests (CLFS), DME/prosthetics/orthotics/supplies (DMEPOS), and every other HCPCS
 * Level II code (a plain statement: OPPS device, drug from ASP, terminated, not payable…). Pure and
 * synchronous; the result is JSON-serialisable. Money in dollars with cents (as CMS prints it).
 */
import { PRICED_STATUSES, type ClfsRow, type DmeposRow, type HcpcsRow } from '../dataset/types';

export type Schedule = 'PFS' | 'CLFS' | 'DMEPOS' | 'none';

/** What the schedule decision reads: the rows of ONE code (fetch them by code first). */
export interface ScheduleContext {
  /** The code's HCPCS Level II row (Level II codes only). */
  hcpcs?: HcpcsRow | undefined;
  /** The code's CLFS rows ([] when none). */
  clfs: readonly ClfsRow[];
  /** The code's DMEPOS rows ([] when none). */
  dmepos: readonly DmeposRow[];
  /** Status of the code's global PFS row; undefined when the code is not in the PFS file. */
  pfsStatus?: string | undefined;
  /** 2-letter state of the chosen locality (DMEPOS amounts are per state); null = national. */
  state: string | null;
  /** Use the rural DMEPOS amount (a rural 0.00 falls back to the non-rural one). */
  rural: boolean;
  /** "Today", for terminated codes. */
  now: Date;
}

export interface ScheduleAnswer {
  schedule: Schedule;
  /** The schedule's amount in dollars (setting-independent); null when there is none to show. */
  amount: number | null;
  /** Short label for the amount ("national limitation amount", "TX non-rural", "contractor-priced (local)"…). */
  amountLabel: string;
  /** One plain sentence: what the code is and which schedule pays it. */
  statement: string;
  /** Best description: HCPCS long description for Level II codes, else CLFS / DMEPOS text; null when none. */
  description: string | null;
  /** Modifier(s) of the CLFS / DMEPOS row used ("NU", "KF-RR", "" blank row); null when no row was used. */
  rowModifier: string | null;
  /** Set when the HCPCS file gives a termination date before `now` (ISO YYYY-MM-DD). */
  terminated: { date: string } | null;
  /** False when the code is in none of the files (PFS, CLFS, DMEPOS, HCPCS). */
  known: boolean;
}

/** Another fee schedule's amount for a code the PFS does not price (a lab test, a DME item). */
export interface OtherSchedule {
  schedule: 'CLFS' | 'DMEPOS';
  /** One unit, in dollars. */
  amount: number;
  /** What the amount is ("national limitation amount", "WA non-rural"). */
  label: string;
}

/**
 * The schedule that prices a code when the PFS does not (`allowed` null) and it is the CLFS or
 * DMEPOS with an amount; else null. The page summary and the tally show it beside the line and
 * keep it out of their Allowed totals (physician fee schedule amounts).
 */
export function otherScheduleOf(allowed: number | null, answer: Pick<ScheduleAnswer, 'schedule' | 'amount' | 'amountLabel'>): OtherSchedule | null {
  const { schedule, amount, amountLabel } = answer;
  return allowed === null && amount !== null && (schedule === 'CLFS' || schedule === 'DMEPOS') ? { schedule, amount, label: amountLabel } : null;
}

/** PFS statuses that get a price. */
const PRICED = PRICED_STATUSES;

const isoDate = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const ymd = (d: Date): string => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
const usd = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const normMods = (mods: readonly string[]): string[] => [...new Set(mods.map((m) => m.trim().toUpperCase()).filter(Boolean))];

/** True when the HCPCS row's TERM DT (last valid date) is before `now`. */
export function isTerminated(row: HcpcsRow | undefined, now: Date): boolean {
  return !!row?.termDate && row.termDate < ymd(now);
}

/** A drug or biological (J codes; BETOS O1D chemotherapy / O1E other drugs / O1G-H immunizations). */
function isDrug(code: string, row?: HcpcsRow): boolean {
  return code.startsWith('J') || /^O1[DEGH]/.test(row?.betos ?? '');
}

/**
 * Which schedule pays the code: PFS for a priced PFS status (A/R/T); else CLFS when it has a CLFS row;
 * else DMEPOS when it has a DMEPOS row; else 'PFS' for a code in the PFS file whose status label
 * explains it (C carrier-priced, B bundled…) unless it is a drug, a C code or terminated; else 'none'
 * when the HCPCS file knows it; null when no file knows the code.
 */
export function scheduleFor(code: string, _modifiers: readonly string[], ctx: ScheduleContext): Schedule | null {
  const c = code.trim().toUpperCase();
  if (ctx.pfsStatus !== undefined && PRICED.has(ctx.pfsStatus)) return 'PFS';
  if (ctx.clfs.length) return 'CLFS';
  if (ctx.dmepos.length) return 'DMEPOS';
  if (ctx.pfsStatus !== undefined) {
    const levelTwoOther = ctx.hcpcs && (isDrug(c, ctx.hcpcs) || c.startsWith('C') || isTerminated(ctx.hcpcs, ctx.now));
    return levelTwoOther ? 'none' : 'PFS';
  }
  return ctx.hcpcs ? 'none' : null;
}

/** CLFS row: the requested modifier's row (QW), else the blank-modifier row, else the first. */
function pickClfs(rows: readonly ClfsRow[], mods: readonly string[]): ClfsRow {
  return rows.find((r) => r.modifier !== '' && mods.includes(r.modifier)) ?? rows.find((r) => r.modifier === '') ?? rows[0]!;
}

const DME_MODS: Record<string, string> = { NU: 'new purchase', RR: 'rental', UE: 'used purchase' };

/**
 * DMEPOS row: the row whose modifiers are all on the page (most matches wins); with none matching,
 * NU, else the blank-modifier row, else the first. `why` says which was chosen and why.
 */
function pickDmepos(rows: readonly DmeposRow[], mods: readonly string[]): { row: DmeposRow; why: string | null } {
  let best: DmeposRow | null = null;
  let bestScore = 0;
  for (const r of rows) {
    const own = [r.modifier, r.modifier2].filter(Boolean);
    if (own.length === 0 || !own.every((m) => mods.includes(m))) continue;
    if (own.length > bestScore) {
      best = r;
      bestScore = own.length;
    }
  }
  if (best) return { row: best, why: null };
  const nu = rows.find((r) => r.modifier === 'NU' && r.modifier2 === '');
  const blank = rows.find((r) => r.modifier === '' && r.modifier2 === '');
  const row = nu ?? blank ?? rows[0]!;
  const label = rowMods(row);
  const given = mods.length ? `modifier ${mods.join('-')} has no DMEPOS row` : 'no modifier given';
  const why =
    rows.length === 1 ? null
    : row === nu ? `${given}: using the NU (new purchase) row`
    : row === blank ? `${given}: using the row without modifier`
    : `${given}: using the ${label} row`;
  return { row, why };
}

const rowMods = (r: { modifier: string; modifier2?: string }): string => [r.modifier, r.modifier2 ?? ''].filter(Boolean).join('-');

const DME_CATEGORY: Record<string, string> = {
  IN: 'inexpensive/routinely purchased',
  FS: 'frequently serviced',
  CR: 'capped rental (monthly amount)',
  OX: 'oxygen (monthly amount)',
  OS: 'ostomy, tracheostomy and urological supplies',
  SD: 'surgical dressings',
  PO: 'prosthetics and orthotics',
  SU: 'supplies',
  TE: 'transcutaneous electrical nerve stimulators',
  TS: 'therapeutic shoes',
  LC: 'parenteral/enteral (lymphedema compression)',
};

function describeDmepos(rows: readonly DmeposRow[], mods: readonly string[], ctx: ScheduleContext) {
  const { row, why } = pickDmepos(rows, mods);
  const cat = DME_CATEGORY[row.category] ? `${row.category}, ${DME_CATEGORY[row.category]}` : row.category;
  const rowLabel = rowMods(row);
  const kind = `${row.modifier && DME_MODS[row.modifier] ? `${DME_MODS[row.modifier]} ` : ''}`;
  const base = `DMEPOS item paid under the DMEPOS fee schedule (category ${cat})${why ? `; ${why}` : rowLabel ? `, ${kind}row ${rowLabel}` : ''}`;
  let amount: number | null = null;
  let amountLabel: string;
  let statement: string;
  if (ctx.state === null) {
    const nr = Object.values(row.amounts).map((a) => a[0]).filter((v) => v > 0);
    const lo = nr.length ? Math.min(...nr) : null;
    const hi = nr.length ? Math.max(...nr) : null;
    const range = lo === null || hi === null ? 'no state amounts' : lo === hi ? `${usd(lo)} in every state` : `${usd(lo)}–${usd(hi)} by state (non-rural)`;
    const limits = row.ceiling > 0 ? `, ceiling ${usd(row.ceiling)} / floor ${usd(row.floor)}` : '';
    amountLabel = `national: ${range}${limits} — choose a locality for your state's amount`;
    statement = `${base}. Amounts are set per state: choose a locality for your state's amount.`;
  } else {
    const pair = row.amounts[ctx.state];
    if (!pair || pair[0] <= 0) {
      amountLabel = `no DMEPOS amount for ${ctx.state}`;
      statement = `${base}; the file has no amount for ${ctx.state} (priced by the DME MAC).`;
    } else if (ctx.rural) {
      const ruralUsesNr = pair[1] <= 0;
      amount = ruralUsesNr ? pair[0] : pair[1];
      amountLabel = ruralUsesNr ? `${ctx.state} rural (same as non-rural)` : `${ctx.state} rural`;
      statement = `${base}; ${ctx.state} rural fee schedule amount.`;
    } else {
      amount = pair[0];
      amountLabel = `${ctx.state} non-rural`;
      statement = `${base}; ${ctx.state} non-rural fee schedule amount${pair[1] > 0 ? ` (rural ${usd(pair[1])})` : ''}.`;
    }
  }
  return { amount, amountLabel, statement, rowModifier: rowLabel, description: row.description || null };
}

/** Plain statement for a Level II code no fee schedule in the data pays. */
function noneStatement(code: string, row: HcpcsRow | undefined, pfsStatus: string | undefined, terminated: string | null): string {
  const first = code[0] ?? '';
  const parts: string[] = [];
  if (terminated) parts.push(`terminated on ${terminated}: not valid for services after that date`);
  const cov = row?.coverage ?? '';
  if (isDrug(code, row)) parts.push('drug: Medicare Part B prices it quarterly from ASP (average sales price) — not in this data');
  else if (first === 'C') parts.push('paid under OPPS (hospital outpatient): device/drug pass-through or packaged — no physician fee');
  else if (code.startsWith('A0') || row?.betos === 'O1A') parts.push('ambulance service: paid under the Ambulance Fee Schedule — not in this data');
  else if (first === 'B') parts.push('enteral/parenteral nutrition: paid under the PEN fee schedule — not in this data');
  else if (first === 'H' || first === 'T') parts.push('state Medicaid code: not valid for Medicare');
  else if (first === 'S') parts.push('temporary code for private payers: not payable by Medicare');
  else if (first === 'M') parts.push('M code (quality reporting and other uses): no fee schedule amount in this data');
  else if (cov === 'I' || cov === 'M' || cov === 'S') parts.push(`not payable by Medicare (coverage code ${cov})`);
  else if (['E', 'K', 'L', 'V', 'A'].includes(first)) parts.push('supply/DME item with no DMEPOS fee schedule amount in this data: priced by the contractor');
  else parts.push('no national fee schedule amount in this data (PFS, CLFS, DMEPOS): priced by the contractor or paid under another Medicare system');
  if (pfsStatus !== undefined) parts.push(`PFS status ${pfsStatus}`);
  return `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());
}

/**
 * Describe how Medicare pays one code. The background calls this with the rows of the code and the
 * chosen locality's state. For schedule 'PFS' only `description` (HCPCS long description for Level II
 * codes) and `statement` matter: priceCode computes the money.
 * @example describeOtherSchedules('80053', [], { clfs, dmepos: [], pfsStatus: 'X', state: null, rural: false, now })
 *   // { schedule: 'CLFS', amount: 10.56, amountLabel: 'national limitation amount', … }
 */
export function describeOtherSchedules(code: string, modifiers: readonly string[], ctx: ScheduleContext): ScheduleAnswer {
  const c = code.trim().toUpperCase();
  const mods = normMods(modifiers);
  const h = ctx.hcpcs;
  const terminatedDate = h && isTerminated(h, ctx.now) ? isoDate(h.termDate!) : null;
  const terminated = terminatedDate ? { date: terminatedDate } : null;
  const hcpcsDescription = h?.longDescription || h?.shortDescription || null;
  const schedule = scheduleFor(c, mods, ctx);
  const termNote = terminatedDate ? ` (HCPCS file: terminated on ${terminatedDate})` : '';

  if (schedule === null) {
    return {
      schedule: 'none', amount: null, amountLabel: 'unknown code', rowModifier: null, terminated: null, known: false, description: null,
      statement: `${c} is not in the physician fee schedule, CLFS, DMEPOS or HCPCS Level II files of this dataset.`,
    };
  }
  if (schedule === 'PFS') {
    const priced = ctx.pfsStatus !== undefined && PRICED.has(ctx.pfsStatus);
    return {
      schedule, amount: null, amountLabel: priced ? 'physician fee schedule amount' : `PFS status ${ctx.pfsStatus}`,
      statement: `${priced ? 'Paid under the Medicare physician fee schedule' : `In the physician fee schedule with status ${ctx.pfsStatus} (no national PFS amount)`}${termNote}.`,
      description: hcpcsDescription, rowModifier: null, terminated, known: true,
    };
  }
  if (schedule === 'CLFS') {
    const row = pickClfs(ctx.clfs, mods);
    const local = row.rate === null;
    const pfsNote = ctx.pfsStatus ? ` (PFS status ${ctx.pfsStatus}: not paid under the physician fee schedule)` : '';
    return {
      schedule,
      amount: row.rate,
      amountLabel: local ? 'contractor-priced (local)' : 'national limitation amount',
      statement: local
        ? `Lab test paid under the Clinical Laboratory Fee Schedule; no national amount: contractor-priced (local)${pfsNote}${termNote}.`
        : `Lab test paid under the Clinical Laboratory Fee Schedule: national limitation amount ${usd(row.rate!)}, the same in every setting${row.modifier === 'QW' ? ' (QW: CLIA-waived test, same rate)' : ''}${pfsNote}${termNote}.`,
      description: hcpcsDescription ?? (row.longDescription || row.shortDescription || null),
      rowModifier: row.modifier,
      terminated,
      known: true,
    };
  }
  if (schedule === 'DMEPOS') {
    const d = describeDmepos(ctx.dmepos, mods, ctx);
    return {
      schedule, amount: d.amount, amountLabel: d.amountLabel, statement: `${d.statement}${termNote}`,
      description: hcpcsDescription ?? d.description, rowModifier: d.rowModifier, terminated, known: true,
    };
  }
  return {
    schedule: 'none', amount: null, amountLabel: 'no fee schedule amount', rowModifier: null, terminated, known: true,
    statement: noneStatement(c, h, ctx.pfsStatus, terminatedDate),
    description: hcpcsDescription,
  };
}

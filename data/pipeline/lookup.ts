/**
 * `npm run --silent lookup -- [--locality MAC-LL] [--setting facility|nonfacility] [--qp] [--rural] [--json]
 *   [--rank N] [--data FILE] CODE[-MOD...][xUNITS] ...`: price codes from the built dataset with the
 * same lib/fees code as the extension. Codes the physician fee schedule does not price answer from
 * lib/schedules: CLFS (lab), DMEPOS (per state of --locality; --rural) or a plain statement ("none");
 * each JSON object carries `schedule`. `--localities [TEXT]` lists locality ids. Exit codes: 0 ok,
 * 1 some code could not be priced, 2 usage / unknown locality / missing or invalid dataset.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeDataset } from '../../lib/dataset/codec';
import type { Dataset, Locality, LocalityId } from '../../lib/dataset/types';
import {
  createFeeSource,
  formatUsd,
  isPriceError,
  parseRequest,
  priceCode,
  type CodePrice,
  type PriceCodeResult,
  type Setting,
} from '../../lib/fees/index';
import { describeWithIndex, indexOtherSchedules, stateOfLocality, type ScheduleAnswer } from '../../lib/schedules/index';

const DEFAULT_DATA = fileURLToPath(new URL('../generated/public/dataset.json', import.meta.url));

const USAGE = `usage: npm run --silent lookup -- [options] CODE[-MOD...][xUNITS] ...
  --locality MAC-LL   price for a locality (e.g. 13202-01 Manhattan); default national
  --setting S         facility | nonfacility: show only that setting (JSON keeps both, adds "setting")
  --qp                qualifying APM participant conversion factor (default: non-QP)
  --rural             DMEPOS: the rural amount of the locality's state (default non-rural)
  --rank N            multiple-procedure rank for -51 / imaging / therapy reductions (1 = highest fee)
  --json              print a JSON array, one object per requested code
  --data FILE         dataset.json to read (default data/generated/public/dataset.json)
  --localities [TEXT] list locality ids (optionally only those matching TEXT) and exit
examples: 99213   88305-26   27447-50   99213-25-GC   97110x3   --locality 02102-01 58321
          80053 (lab, CLFS)   E0114-NU --locality 04412-11 (DMEPOS, Texas)   C1776 (no fee schedule)`;

/** A code answered by another schedule than the PFS (CLFS, DMEPOS) or by none. */
interface OtherResult {
  code: string;
  modifier: string | null;
  modifiers: string[];
  units: number;
  schedule: ScheduleAnswer['schedule'];
  description: string | null;
  /** Setting-independent: the schedule amount in both settings (× units). */
  allowed: { nonFacility: number | null; facility: number | null };
  scheduleAmount: number | null;
  amountLabel: string;
  statement: string;
  rowModifier: string | null;
  terminated: { date: string } | null;
  state: string | null;
  rural: boolean;
  locality: { id: LocalityId | null; name: string; state: string | null };
  release: string | null;
  setting: Setting | null;
}
type LookupResult = (CodePrice & { schedule: 'PFS'; statement: string }) | OtherResult | { code: string; modifier: string | null; error: string };
const isOther = (r: LookupResult): r is OtherResult => 'schedule' in r && r.schedule !== 'PFS';
const isError = (r: LookupResult): r is { code: string; modifier: string | null; error: string } => 'error' in r;

class UsageError extends Error {}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function normalizeLocality(raw: string): string {
  const t = raw.trim().toUpperCase();
  const m = /^(\d{5})[-\s]?(\d{1,2})$/.exec(t);
  return m && m[1] && m[2] ? `${m[1]}-${m[2].padStart(2, '0')}` : t;
}

function normalizeSetting(raw: string | undefined): Setting | null {
  if (raw === undefined) return null;
  const t = raw.toLowerCase().replace(/[-_\s]/g, '');
  if (t === 'facility' || t === 'fac') return 'facility';
  if (t === 'nonfacility' || t === 'nonfac' || t === 'office') return 'nonFacility';
  throw new UsageError(`--setting must be "facility" or "nonfacility" (got "${raw}")`);
}

function loadDataset(file: string): Dataset {
  if (!existsSync(file)) {
    fail(`No dataset at ${file}.\nBuild it with "npm run data" (or pass --data FILE).`, 2);
  }
  try {
    return decodeDataset(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`Cannot read the dataset ${file}: ${err instanceof Error ? err.message : String(err)}\nRebuild it with "npm run data".`, 2);
  }
}

function localityLine(l: Locality): string {
  return `${l.id}  ${l.state.padEnd(2)}  ${l.name}${l.counties ? `  (${l.counties.length > 70 ? `${l.counties.slice(0, 67)}...` : l.counties})` : ''}`;
}

const money = (cents: number | null, reason: string | null): string => (cents === null ? `n/a (${reason ?? 'no price'})` : formatUsd(cents));
const rvu = (x: number): string => x.toFixed(2);

function textBlock(r: PriceCodeResult, setting: Setting | null): string {
  if (isPriceError(r)) return `${r.code}${r.modifier ? `-${r.modifier}` : ''}: error: ${r.error}`;
  const p: CodePrice = r;
  const title = `${p.code}${p.modifier ? `-${p.modifier}` : ''}${p.units > 1 ? ` × ${p.units}` : ''}`;
  const lines = [
    `${title}  ${p.description || '(no descriptor)'}`,
    `  status        ${p.statusLabel}${p.notUsedForMedicare ? ' · NOT USED FOR MEDICARE PAYMENT' : ''}`,
    `  RVUs${p.rowModifier ? ` (${p.rowModifier} row)` : ''}    work ${rvu(p.workRvu)} · PE non-fac ${p.na.nonFacility ? 'NA' : rvu(p.peRvu.nonFacility)} / fac ${p.na.facility ? 'NA' : rvu(p.peRvu.facility)} · MP ${rvu(p.mpRvu)} · total ${rvu(p.totalRvu.nonFacility)} / ${rvu(p.totalRvu.facility)}`,
    `  global days   ${p.globalDays}`,
  ];
  if (setting !== 'facility') lines.push(`  non-facility  ${money(p.cents.nonFacility, p.reasons.nonFacility)}`);
  if (setting !== 'nonFacility') lines.push(`  facility      ${money(p.cents.facility, p.reasons.facility)}`);
  for (const a of p.adjustments) lines.push(`  adjustment    ${a}`);
  for (const n of p.notes) lines.push(`  note          ${n}`);
  return lines.join('\n');
}

function otherBlock(r: OtherResult): string {
  const title = `${r.code}${r.modifier ? `-${r.modifier}` : ''}${r.units > 1 ? ` × ${r.units}` : ''}`;
  const amount = r.allowed.nonFacility === null ? 'n/a' : formatUsd(Math.round(r.allowed.nonFacility * 100));
  const lines = [
    `${title}  ${r.description || '(no descriptor)'}`,
    `  schedule      ${r.schedule}${r.rowModifier ? ` (${r.rowModifier} row)` : ''}`,
    `  amount        ${amount} · ${r.amountLabel}`,
    `  statement     ${r.statement}`,
  ];
  if (r.terminated) lines.push(`  terminated    ${r.terminated.date}`);
  return lines.join('\n');
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locality: { type: 'string' },
        setting: { type: 'string' },
        qp: { type: 'boolean', default: false },
        rural: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        rank: { type: 'string' },
        data: { type: 'string' },
        localities: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const setting = normalizeSetting(values.setting);
  let rank: number | undefined;
  if (values.rank !== undefined) {
    rank = Number(values.rank);
    if (!Number.isInteger(rank) || rank < 1) throw new UsageError(`--rank must be a whole number ≥ 1 (got "${values.rank}")`);
  }
  const dataFile = values.data ? resolve(process.cwd(), values.data) : DEFAULT_DATA;
  const dataset = loadDataset(dataFile);

  if (values.localities) {
    const q = positionals.join(' ').trim().toUpperCase();
    const list = dataset.localities.filter(
      (l) => !q || `${l.id} ${l.state} ${l.name} ${l.stateName} ${l.feeScheduleArea} ${l.counties}`.toUpperCase().includes(q),
    );
    for (const l of list) process.stdout.write(`${localityLine(l)}\n`);
    if (list.length === 0) process.stderr.write(`No locality matches "${q}".\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no code given');

  let localityId: LocalityId | null = null;
  if (values.locality !== undefined && !/^(national|us|)$/i.test(values.locality.trim())) {
    const id = normalizeLocality(values.locality);
    if (!dataset.localities.some((l) => l.id === id)) {
      fail(
        `Unknown locality "${values.locality}". Locality ids are MAC-LL (MAC number, hyphen, 2-digit locality), e.g. 13202-01 (Manhattan), 02102-01 (Alaska).\n` +
          `List them with: npm run --silent lookup -- --localities [STATE or NAME or COUNTY]`,
        2,
      );
    }
    localityId = id as LocalityId;
  }

  const source = createFeeSource(dataset);
  const others = indexOtherSchedules(dataset);
  const loc = localityId ? (dataset.localities.find((l) => l.id === localityId) ?? null) : null;
  const state = stateOfLocality(loc);
  const rural = values.rural;
  const now = new Date();
  const track = values.qp ? 'qp' : 'nonQp';
  const results: LookupResult[] = positionals.map((arg) => {
    const req = parseRequest(arg);
    if (!req.ok) return { code: arg.trim().toUpperCase(), modifier: null, error: req.error };
    const rows = source.rows(req.code);
    const global = rows.find((r) => r.modifier === '') ?? rows[0];
    const answer = describeWithIndex(others, req.code, req.modifiers, { pfsStatus: global?.status, state, rural, now });
    if (!answer.known) {
      return { code: req.code, modifier: req.modifiers.length ? req.modifiers.join('-') : null, error: answer.statement };
    }
    if (answer.schedule === 'PFS') {
      const priced: PriceCodeResult = priceCode(source, {
        code: req.code,
        modifiers: req.modifiers,
        units: req.units,
        localityId,
        setting,
        track,
        ...(rank !== undefined ? { rank } : {}),
      });
      if (isPriceError(priced)) return priced;
      return { ...priced, description: answer.description ?? priced.description, schedule: 'PFS', statement: answer.statement };
    }
    const total = answer.amount === null ? null : Math.round(answer.amount * 100 * req.units) / 100;
    return {
      code: req.code,
      modifier: req.modifiers.length ? req.modifiers.join('-') : null,
      modifiers: [...req.modifiers],
      units: req.units,
      schedule: answer.schedule,
      description: answer.description,
      allowed: { nonFacility: total, facility: total },
      scheduleAmount: answer.amount,
      amountLabel: answer.amountLabel,
      statement: answer.statement,
      rowModifier: answer.rowModifier,
      terminated: answer.terminated,
      state,
      rural,
      locality: loc ? { id: loc.id, name: loc.name, state: loc.state } : { id: null, name: 'National', state: null },
      release: dataset.release.id,
      setting,
    };
  });

  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const first = results.find((r): r is CodePrice & { schedule: 'PFS'; statement: string } => !isError(r) && !isOther(r));
    const hl = first?.locality ?? (loc ? { id: loc.id, name: loc.name } : { id: localityId, name: localityId ?? 'National' });
    const header = `${hl.id ? `${hl.id} ${hl.name}` : 'National (GPCIs 1.000)'} · CF ${first?.conversionFactor ?? (track === 'qp' ? dataset.conversionFactors.qp : dataset.conversionFactors.nonQp)} (${track === 'qp' ? 'QP' : 'non-QP'}) · ${dataset.release.id} · Medicare allowed amounts (Medicare pays ~80% after the deductible)`;
    process.stdout.write(`${header}\n\n${results.map((r) => (isOther(r) ? otherBlock(r) : textBlock(r, setting))).join('\n\n')}\n`);
  }
  return results.some(isError) ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) fail(`${err.message}\n\n${USAGE}`, 2);
  fail(`lookup failed: ${err instanceof Error ? err.message : String(err)}`, 2);
}

/**
 * Per-keystroke search time on the full corpus: lib/search (`CodeSearch`) vs plain Fuse.js over
 * the same rows. Every prefix of every query is one keystroke. Prints a table (median and p95 per
 * query and overall) and writes tests/artifacts/bench-search.json.
 *
 * Run: npx tsx tests/bench/search.ts   (needs data/generated/public/dataset.json: `npm run data`)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { decodeDataset } from '../../lib/dataset/codec';
import { CodeSearch, type SearchDoc } from '../../lib/search/search';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = resolve(ROOT, 'tests/artifacts/bench-search.json');

const QUERIES = [
  '99213',
  '88305-26',
  'total knee',
  'electrocardiogram',
  'colonscopy',
  'comprehensive metabolic panel',
  'mri lumbar spine',
  'office visit',
  'IUI',
  'EKG',
  'knee injection',
  'kolonoscopy',
  'zzqxv nonsense',
];
const ROUNDS = 3;

const ds = decodeDataset(readFileSync(resolve(ROOT, 'data/generated/public/dataset.json'), 'utf8'));
const byCode = new Map<string, SearchDoc & { modifier: string }>();
for (const r of ds.pfs) {
  const cur = byCode.get(r.code);
  if (!cur || (r.modifier === '' && cur.modifier !== '')) byCode.set(r.code, { code: r.code, description: r.description, modifier: r.modifier });
}
const rows: SearchDoc[] = [...byCode.values()].map(({ code, description }) => ({ code, description }));

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

let ours!: CodeSearch<SearchDoc>;
const buildOurs = time(() => {
  ours = new CodeSearch(rows);
});
const warmOurs = time(() => ours.warm());
let plain!: Fuse<SearchDoc>;
// Plain Fuse.js "as the docs show it": both fields, default threshold/location.
const buildPlain = time(() => {
  plain = new Fuse(rows, { keys: ['code', 'description'] });
});

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

interface Row {
  query: string;
  keystrokes: number;
  ours: { median: number; p95: number; first: string | null };
  fuse: { median: number; p95: number; first: string | null };
}
const table: Row[] = [];
const allOurs: number[] = [];
const allFuse: number[] = [];
for (const q of QUERIES) {
  const prefixes = [...q].map((_, i) => q.slice(0, i + 1));
  const o: number[] = [];
  const f: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const p of prefixes) {
      o.push(time(() => ours.search(p, { limit: 50 })));
      f.push(time(() => plain.search(p, { limit: 50 })));
    }
  }
  allOurs.push(...o);
  allFuse.push(...f);
  table.push({
    query: q,
    keystrokes: prefixes.length,
    ours: { median: pct(o, 50), p95: pct(o, 95), first: ours.search(q)[0]?.item.code ?? null },
    fuse: { median: pct(f, 50), p95: pct(f, 95), first: plain.search(q, { limit: 1 })[0]?.item.code ?? null },
  });
}

const ms = (x: number): string => x.toFixed(2).padStart(8);
console.log(`corpus: ${rows.length} codes (${ds.pfs.length} PFS rows, ${ds.release.id}); ${ROUNDS} rounds of every prefix`);
console.log(`build: ours ${buildOurs.toFixed(1)} ms (+ Fuse fallback index ${warmOurs.toFixed(1)} ms), plain Fuse ${buildPlain.toFixed(1)} ms\n`);
console.log(`${'query'.padEnd(32)} keys   ours med   ours p95   fuse med   fuse p95   first (ours / fuse)`);
for (const r of table) {
  console.log(`${r.query.padEnd(32)} ${String(r.keystrokes).padStart(4)} ${ms(r.ours.median)}   ${ms(r.ours.p95)}   ${ms(r.fuse.median)}   ${ms(r.fuse.p95)}   ${r.ours.first ?? '—'} / ${r.fuse.first ?? '—'}`);
}
const overall = {
  keystrokes: allOurs.length,
  ours: { median: pct(allOurs, 50), p95: pct(allOurs, 95) },
  fuse: { median: pct(allFuse, 50), p95: pct(allFuse, 95) },
};
console.log(`${'ALL keystrokes (ms)'.padEnd(32)} ${String(overall.keystrokes).padStart(4)} ${ms(overall.ours.median)}   ${ms(overall.ours.p95)}   ${ms(overall.fuse.median)}   ${ms(overall.fuse.p95)}`);

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  `${JSON.stringify({ corpus: { codes: rows.length, pfsRows: ds.pfs.length, release: ds.release.id }, rounds: ROUNDS, buildMs: { ours: buildOurs, oursFuseIndex: warmOurs, fuse: buildPlain }, overall, queries: table, node: process.version, at: new Date().toISOString() }, null, 2)}\n`,
);
console.log(`\nwrote ${OUT}`);

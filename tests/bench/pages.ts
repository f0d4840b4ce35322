/**
 * Generated benchmark pages (deterministic: a fixed-seed PRNG). Claim pages hold real CPT/HCPCS
 * codes among the numbers that surround them on real screens (claim numbers, ZIP codes, phones,
 * NPIs, amounts, dates); the idle pages hold no codes at all.
 */

/** Real CPT/HCPCS codes (all in the CMS PFS except the DME code E0114, which stays unmarked). */
export const CODES = ['99213', '99214', '99215', '99203', '93000', '88305', '27447', '36415', 'G0438', 'G0439', 'J3301', 'E0114', '71046', '80053', '85025', '20610', '97110', '97140', '90471', '11042'];
const MODIFIERS = ['', '', '', '25', '26', 'TC', '59', 'RT', 'LT', '76'];

/** A fixed-seed PRNG (linear congruential): the same pages on every run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(rnd: () => number, a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
const digits = (rnd: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

/** A claim-lines table of `rows` rows (one code per row, plus many non-code numbers). */
export function claimPage(rows: number, seed = 1): string {
  const rnd = prng(seed);
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Claims ${rows}</title>
<style>body{font:13px system-ui;margin:12px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px}</style></head><body>
<h1>Claim lines (${rows})</h1><p>Payer phone (800) 555-0199 · Remit to PO Box 30541, Salt Lake City, UT 84130-0541</p>
<table><thead><tr><th>Claim #</th><th>Ln</th><th>DOS</th><th>CPT/HCPCS</th><th>Mod</th><th>Units</th><th>Charge</th><th>Paid</th><th>Patient ZIP</th><th>Phone</th><th>NPI</th></tr></thead><tbody id="rows">`);
  for (let i = 0; i < rows; i++) out.push(claimRow(rnd, i));
  out.push('</tbody></table></body></html>');
  return out.join('\n');
}

export function claimRow(rnd: () => number, i: number): string {
  const code = pick(rnd, CODES);
  const mod = pick(rnd, MODIFIERS);
  const charge = (20 + rnd() * 1980).toFixed(2);
  const paid = (Number(charge) * (0.3 + rnd() * 0.5)).toFixed(2);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
  return `<tr><td>CLM-2026-${digits(rnd, 8)}</td><td>${(i % 12) + 1}</td><td>${month}/${day}/2026</td><td>${code}</td><td>${mod}</td><td>${1 + Math.floor(rnd() * 4)}</td><td>$${Number(charge).toLocaleString('en-US', { minimumFractionDigits: 2 })}</td><td>$${paid}</td><td>${digits(rnd, 5)}-${digits(rnd, 4)}</td><td>(${digits(rnd, 3)}) 555-${digits(rnd, 4)}</td><td>1${digits(rnd, 9)}</td></tr>`;
}

const WORDS = 'the of and a to in is was that for on as with by his at from her which or an be this had not are but were they have one all their there been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(' ');

/** ~`paragraphs` paragraphs of prose with no digits at all (a long article). */
export function articlePage(paragraphs: number, seed = 2): string {
  const rnd = prng(seed);
  const out = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body><article><h1>A long read</h1>'];
  for (let p = 0; p < paragraphs; p++) {
    const n = 30 + Math.floor(rnd() * 40);
    const words = Array.from({ length: n }, () => pick(rnd, WORDS));
    out.push(`<p>${words.join(' ')}.</p>`);
  }
  out.push('</article></body></html>');
  return out.join('\n');
}

/** ~`paragraphs` paragraphs full of numbers that are not codes (ZIPs, phones, amounts, dates, ids). */
export function numbersPage(paragraphs: number, seed = 3): string {
  const rnd = prng(seed);
  const out = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Numbers</title></head><body><h1>Account activity</h1>'];
  for (let p = 0; p < paragraphs; p++) {
    out.push(
      `<p>Order ${digits(rnd, 7)} shipped to ${digits(rnd, 3)} Main St, Springfield, IL ${digits(rnd, 5)} on ${1 + Math.floor(rnd() * 12)}/${1 + Math.floor(rnd() * 28)}/2026; ` +
        `total $${(rnd() * 99999).toFixed(2)}, card ending ${digits(rnd, 4)}, call (${digits(rnd, 3)}) ${digits(rnd, 3)}-${digits(rnd, 4)}. Tracking 1Z${digits(rnd, 16)}; ` +
        `${Math.floor(rnd() * 100000)} points, account #${digits(rnd, 10)}.</p>`,
    );
  }
  out.push('</body></html>');
  return out.join('\n');
}

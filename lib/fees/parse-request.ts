// Parse a "CODE[-MOD...][xN]" request string ("88305-26", "27447-50", "99213-25-GC", "97110x3").
// Upper-cases; code /^[0-9A-Z]{5}$/, modifiers /^[0-9A-Z]{2}$/, optional glued units suffix xN.

/** A parsed request: code, modifiers (upper case, in order, no duplicates) and units. */
export interface FeeRequest {
  code: string;
  modifiers: string[];
  units: number;
}

export type ParseResult = ({ ok: true } & FeeRequest) | { ok: false; input: string; error: string };

const CODE_RE = /^[0-9A-Z]{5}$/;
const MOD_RE = /^[0-9A-Z]{2}$/;
export const MAX_UNITS = 999;

/**
 * Parse "CODE-MOD-MOD" with an optional units suffix glued to the end ("97110x2", "27447-50x2").
 * A hyphen always introduces a modifier, so "99213-X2" is modifier X2, not 2 units.
 */
export function parseRequest(input: string): ParseResult {
  const raw = input.trim();
  const fail = (error: string): ParseResult => ({ ok: false, input: raw, error });
  if (!raw) return fail('empty code');
  let text = raw.toUpperCase();
  let units = 1;
  const u = /^(.*?[0-9A-Z]{5}(?:-[0-9A-Z]{2})*)[X×*](\d+)$/.exec(text);
  if (u && u[1] !== undefined && u[2] !== undefined) {
    text = u[1];
    units = Number(u[2]);
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) return fail(`units must be 1-${MAX_UNITS}: "${raw}"`);
  }
  const [code = '', ...mods] = text.split('-');
  if (!CODE_RE.test(code)) return fail(`not a CPT/HCPCS code (5 letters/digits expected): "${raw}"`);
  const modifiers: string[] = [];
  for (const m of mods) {
    if (!MOD_RE.test(m)) return fail(`not a modifier (2 letters/digits expected): "${m}" in "${raw}"`);
    if (!modifiers.includes(m)) modifiers.push(m);
  }
  return { ok: true, code, modifiers, units };
}

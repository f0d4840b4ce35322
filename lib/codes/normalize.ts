/**
 * Normalisation of code strings typed or pasted by a person or read from a table cell
 * ("99213-25" → { code: '99213', modifiers: ['25'] }). Pure; importable from anywhere.
 */
import { isKnownModifier, isModifierShape } from './modifiers.ts';
import { codeKindAt, findCandidates } from './patterns.ts';
import type { CodeKind } from './types.ts';

/** A code with its modifiers and units, as written in one short string. */
export interface NormalizedCode {
  code: string;
  kind: CodeKind;
  modifiers: string[];
  units: number | null;
}

/** Longest string {@link normalizeCode} looks at (a cell or a search box, never a page). */
const MAX_INPUT = 64;

/**
 * The kind of a bare code (`'99213'` → 'cpt', `'g0438'` → 'hcpcs'), case-insensitive; null if the
 * string is not exactly one code.
 */
export function codeKind(code: string): CodeKind | null {
  const s = code.trim().toUpperCase();
  return s.length === 5 ? codeKindAt(s, 0) : null;
}

/**
 * Parses one code with optional modifiers and units from a short string (case-insensitive,
 * surrounding whitespace ignored). Returns null unless the whole string is that one code.
 * @example
 * normalizeCode('99213-25');     // { code: '99213', kind: 'cpt', modifiers: ['25'], units: null }
 * normalizeCode('93976tc');      // { code: '93976', kind: 'cpt', modifiers: ['TC'], units: null }
 * normalizeCode('HC:99213:25');  // { code: '99213', …, modifiers: ['25'] }
 * normalizeCode('99213 x2');     // { …, units: 2 }
 */
export function normalizeCode(raw: string): NormalizedCode | null {
  let s = raw.trim();
  if (s.length === 0 || s.length > MAX_INPUT) return null;
  s = s.toUpperCase();
  let offset = 0;
  const x12 = /^(?:HC|HP|AD|ER|IV|WK):/.exec(s);
  if (x12) offset = 3;
  const cands = findCandidates(s);
  const first = cands[0];
  if (!first || cands.length !== 1 || first.start !== offset) return null;
  if (s.slice(first.extentEnd).trim() !== '') return null;
  return {
    code: first.code,
    kind: first.kind,
    modifiers: first.modifiers.map((m) => m.value),
    units: first.units,
  };
}

/**
 * The code when `text` (a table cell, trimmed) is a single code token, optionally with modifiers
 * and units; else null. Ranges are not single tokens.
 */
export function singleCodeToken(text: string): string | null {
  if (text.length > MAX_INPUT) return null;
  return normalizeCode(text)?.code ?? null;
}

/**
 * Modifiers written in their own cell or field: `25`, `-25`, `25 GC`, `25,GC`, `RT/LT`.
 * Every part must be two [0-9A-Z] characters; digits-only parts must be known modifiers.
 * Returns [] when the text is empty, null when it is not a modifier list.
 */
export function parseModifierList(text: string): string[] | null {
  const s = text.trim().toUpperCase();
  if (s === '') return [];
  if (s.length > 24) return null;
  const parts = s.split(/[\s,;/-]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 4) return null;
  for (const p of parts) {
    if (!isModifierShape(p)) return null;
    if (/^\d\d$/.test(p) && !isKnownModifier(p)) return null;
  }
  return parts;
}

/** Units written in their own cell (`2`, `2.0`, `x2`, `2 units`): an integer 1–999, else null. */
export function parseUnits(text: string): number | null {
  if (text.length > 24) return null;
  const m = /^\s*[x×]?\s*(\d{1,3})(?:\.0{1,3})?\s*(?:units?|un)?\s*$/i.exec(text);
  if (!m?.[1]) return null;
  const v = Number(m[1]);
  return v >= 1 ? v : null;
}

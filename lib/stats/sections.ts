/**
 * CPT / HCPCS section of a code, for "How this code compares" (issue 6). Pure; no data needed.
 *
 * Ranges (CPT code book section order):
 * - Anesthesia 00100–01999.
 * - Surgery 10004–69990.
 * - Radiology 70010–79999.
 * - Pathology & Laboratory 80047–89398, plus PLA codes (4 digits + U) and administrative MAAA codes
 *   (4 digits + M): both are laboratory analyses that the code book lists with Path/Lab.
 * - Medicine 90281–99199 and 99500–99607. Decision: 99100–99140 (qualifying circumstances for
 *   anesthesia) stay in Medicine, where the code book prints them (its Anesthesia guidelines only
 *   refer to them). They carry no work RVU in the PFS file, so the choice does not move any statistic.
 * - Evaluation & Management 99202–99499.
 * - Category II (4 digits + F) and Category III (4 digits + T) are sections of their own.
 * - HCPCS Level II: one section per first letter ("hcpcs-G").
 * - Anything else that is well formed but outside the ranges (e.g. 80000, 99200, 99999): "cpt-other";
 *   malformed input: "unknown".
 */

/** A section id and its human label. Ids are stable (they key stored statistics). */
export interface Section {
  /** "anesthesia", "surgery", "radiology", "pathlab", "medicine", "em", "cat2", "cat3", "hcpcs-G", "cpt-other", "unknown". */
  id: string;
  label: string;
}

/** Section labels of the fixed (non-HCPCS) sections, by id. */
export const SECTION_LABELS: Readonly<Record<string, string>> = Object.freeze({
  anesthesia: 'Anesthesia',
  surgery: 'Surgery',
  radiology: 'Radiology',
  pathlab: 'Pathology & Laboratory',
  medicine: 'Medicine',
  em: 'Evaluation & Management',
  cat2: 'CPT Category II',
  cat3: 'CPT Category III',
  'cpt-other': 'CPT (outside the section ranges)',
  unknown: 'Unknown',
});

/** What each HCPCS Level II letter covers (short labels). */
const HCPCS_LETTERS: Readonly<Record<string, string>> = {
  A: 'transport, supplies',
  B: 'enteral and parenteral therapy',
  C: 'outpatient PPS',
  D: 'dental',
  E: 'durable medical equipment',
  G: 'procedures and professional services',
  H: 'behavioral health',
  J: 'drugs',
  K: 'DME (temporary)',
  L: 'orthotics and prosthetics',
  M: 'measures and other services',
  P: 'pathology and laboratory',
  Q: 'temporary codes',
  R: 'diagnostic radiology',
  S: 'private payer (temporary)',
  T: 'state Medicaid',
  U: 'laboratory (temporary)',
  V: 'vision and hearing',
};

/** Numeric CPT Category I ranges [from, to, id], inclusive. */
const CPT_RANGES: ReadonlyArray<readonly [number, number, string]> = [
  [100, 1999, 'anesthesia'],
  [10004, 69990, 'surgery'],
  [70010, 79999, 'radiology'],
  [80047, 89398, 'pathlab'],
  [90281, 99199, 'medicine'],
  [99202, 99499, 'em'],
  [99500, 99607, 'medicine'],
];

const section = (id: string): Section => ({ id, label: SECTION_LABELS[id] ?? id });

/**
 * The section of a code ("27447" → Surgery, "0001U" → Pathology & Laboratory, "G0438" → HCPCS
 * Level II G). Case- and whitespace-insensitive; never throws.
 */
export function sectionOf(code: string): Section {
  const c = code.trim().toUpperCase();
  if (/^\d{5}$/.test(c)) {
    const n = Number(c);
    for (const [from, to, id] of CPT_RANGES) if (n >= from && n <= to) return section(id);
    return section('cpt-other');
  }
  const tail = /^\d{4}([FTUM])$/.exec(c)?.[1];
  if (tail === 'F') return section('cat2');
  if (tail === 'T') return section('cat3');
  if (tail === 'U' || tail === 'M') return section('pathlab');
  const letter = /^([A-Z])\d{4}$/.exec(c)?.[1];
  if (letter) {
    const what = HCPCS_LETTERS[letter];
    return { id: `hcpcs-${letter}`, label: `HCPCS Level II ${letter} codes${what ? ` (${what})` : ''}` };
  }
  return section('unknown');
}

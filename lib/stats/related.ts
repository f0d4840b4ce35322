/**
 * PC/TC related codes for "How this code compares" (issue 6). Pure.
 *
 * - PCTC 1 (split code): the related rows are the code's own -26 (professional) and -TC
 *   (technical) rows, where the file has them.
 * - PCTC 4 (global test only): the components are separate codes, and the PFS file does not say
 *   which (descriptors are abbreviated and not reliable enough to match by stem). So a curated table,
 *   {@link GLOBAL_TEST_COMPONENTS}, lists each PCTC-4 code of the 2026 file with its technical
 *   (PCTC 3) and professional (PCTC 2) component codes; tests/data/stats.test.ts checks every entry
 *   against the real file (codes exist, PCTC values right, the global wRVU equals the sum of the
 *   professional components' wRVUs). Codes missing from a given release are dropped from the answer.
 * - PCTC 2 / 3 codes listed in the table answer with their global test code and siblings.
 */
import type { PfsRow } from '../dataset/types';

/** A global-test-only code (PCTC 4) and its component codes. */
export interface GlobalTestComponents {
  /** Technical-component-only codes (PCTC 3): tracing, recording, scanning. */
  technical: readonly string[];
  /** Professional-component-only codes (PCTC 2): interpretation and report, supervision. */
  professional: readonly string[];
}

/** Every PCTC-4 code of the 2026 PFS file and its components (verified in tests/data/stats.test.ts). */
export const GLOBAL_TEST_COMPONENTS: Readonly<Record<string, GlobalTestComponents>> = Object.freeze({
  '0710T': { technical: ['0711T', '0712T'], professional: ['0713T'] },
  '0903T': { technical: ['0904T'], professional: ['0905T'] },
  '0937T': { technical: ['0938T', '0939T'], professional: ['0940T'] },
  '77089': { technical: ['77090', '77091'], professional: ['77092'] },
  '93000': { technical: ['93005'], professional: ['93010'] },
  '93015': { technical: ['93017'], professional: ['93016', '93018'] },
  '93040': { technical: ['93041'], professional: ['93042'] },
  '93224': { technical: ['93225', '93226'], professional: ['93227'] },
  '93241': { technical: ['93242', '93243'], professional: ['93244'] },
  '93245': { technical: ['93246', '93247'], professional: ['93248'] },
  '93268': { technical: ['93270', '93271'], professional: ['93272'] },
  '93784': { technical: ['93786', '93788'], professional: ['93790'] },
  '94014': { technical: ['94015'], professional: ['94016'] },
  '94774': { technical: ['94775', '94776'], professional: ['94777'] },
  '96931': { technical: ['96932'], professional: ['96933'] },
  '96934': { technical: ['96935'], professional: ['96936'] },
  G0403: { technical: ['G0404'], professional: ['G0405'] },
});

/** Component code → its global test code (the inverse of {@link GLOBAL_TEST_COMPONENTS}). */
const GLOBAL_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(GLOBAL_TEST_COMPONENTS).flatMap(([g, c]) => [...c.technical, ...c.professional].map((p) => [p, g] as const)),
);

/** The related codes of one code. Entries are "93005" (a code) or "88305-26" (a code's modifier row). */
export interface RelatedCodes {
  code: string;
  /** PCTC indicator of the code's global row ("" when the code is not in the rows). */
  pctc: string;
  /**
   * 'modifier-rows': PCTC 1, the -26 / -TC rows; 'components': a PCTC 4 global test and its
   * component codes; 'component-of': a PCTC 2/3 code that is part of a global test; 'none'.
   */
  kind: 'modifier-rows' | 'components' | 'component-of' | 'none';
  /** The global service ("93000", or "88305" for its own -26/-TC rows); null for 'none'. */
  global: string | null;
  technical: string[];
  professional: string[];
  /** One line: "93000 = 93005 (technical) + 93010 (professional)"; "" for 'none'. */
  text: string;
}

type RowsOf = (code: string) => readonly PfsRow[];

function rowsAccessor(rows: readonly PfsRow[] | RowsOf): RowsOf {
  if (typeof rows === 'function') return rows;
  const by = new Map<string, PfsRow[]>();
  for (const r of rows) {
    const list = by.get(r.code);
    if (list) list.push(r);
    else by.set(r.code, [r]);
  }
  return (code) => by.get(code) ?? [];
}

const describe = (global: string, technical: string[], professional: string[]): string => {
  const parts = [...technical.map((c) => `${c} (technical)`), ...professional.map((c) => `${c} (professional)`)];
  return parts.length > 0 ? `${global} = ${parts.join(' + ')}` : '';
};

/**
 * PC/TC related codes of a code. `rows` is either all PFS rows of the release, or a per-code
 * accessor such as `FeeSource.rows` (cheaper: no index is built).
 */
export function relatedCodes(code: string, rows: readonly PfsRow[] | RowsOf): RelatedCodes {
  const c = code.trim().toUpperCase();
  const rowsOf = rowsAccessor(rows);
  const own = rowsOf(c);
  const global = own.find((r) => r.modifier === '') ?? own[0];
  const pctc = global?.pctc ?? '';
  const none: RelatedCodes = { code: c, pctc, kind: 'none', global: null, technical: [], professional: [], text: '' };
  const present = (x: string): boolean => rowsOf(x).length > 0;

  if (pctc === '1') {
    const technical = own.some((r) => r.modifier === 'TC') ? [`${c}-TC`] : [];
    const professional = own.some((r) => r.modifier === '26') ? [`${c}-26`] : [];
    if (technical.length + professional.length === 0) return none;
    return { code: c, pctc, kind: 'modifier-rows', global: c, technical, professional, text: describe(c, technical, professional) };
  }
  const table = GLOBAL_TEST_COMPONENTS[c];
  if (table) {
    const technical = table.technical.filter(present);
    const professional = table.professional.filter(present);
    if (technical.length + professional.length === 0) return none;
    return { code: c, pctc, kind: 'components', global: c, technical, professional, text: describe(c, technical, professional) };
  }
  const g = GLOBAL_OF.get(c);
  const parts = g ? GLOBAL_TEST_COMPONENTS[g] : undefined;
  if (g && parts && present(g)) {
    const technical = parts.technical.filter(present);
    const professional = parts.professional.filter(present);
    return { code: c, pctc, kind: 'component-of', global: g, technical, professional, text: describe(g, technical, professional) };
  }
  return none;
}

/**
 * Known PFS conversion factors per calendar year (CMS final rules), used to supply the CF of the
 * track a PPRRVU file does NOT carry. A file's own CONV FACTOR column always wins for its track.
 */

export interface YearConversionFactors {
  /** Non-qualifying APM participant (the default track; "nonQPP" files). */
  nonQp: number;
  /** Qualifying APM participant ("QPP" files, PRIC IND "1"). */
  qp: number;
}

/** CY → CFs (CY2026 PFS final rule: $33.4009 / $33.5675; 2025: one CF). Source: ../shared/cms/README.md. */
export const CONVERSION_FACTORS: Readonly<Record<number, YearConversionFactors>> = {
  2025: { nonQp: 32.3465, qp: 32.3465 },
  2026: { nonQp: 33.4009, qp: 33.5675 },
};

/**
 * Both CFs for a file of `year` whose rows carry `fileCf` on the track given by PRIC IND
 * ("1" = QP file; anything else, or no column, = non-QP file). Returns notes for the report.
 */
export function resolveConversionFactors(
  year: number,
  fileCf: number,
  pricInd: string | null,
): { nonQp: number; qp: number; notes: string[] } {
  const isQp = pricInd === '1';
  const known = CONVERSION_FACTORS[year];
  const notes: string[] = [];
  if (!known) {
    notes.push(`no known ${isQp ? 'non-QP' : 'QP'} conversion factor for ${year}: using the file's CF ${fileCf} for both tracks`);
    return { nonQp: fileCf, qp: fileCf, notes };
  }
  const tableCf = isQp ? known.qp : known.nonQp;
  if (tableCf !== fileCf) {
    notes.push(`file CF ${fileCf} differs from the known ${year} ${isQp ? 'QP' : 'non-QP'} CF ${tableCf}: the file wins`);
  }
  return isQp ? { nonQp: known.nonQp, qp: fileCf, notes } : { nonQp: fileCf, qp: known.qp, notes };
}

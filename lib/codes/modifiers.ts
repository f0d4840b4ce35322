/**
 * The common CPT and HCPCS Level II modifiers (two characters each). Used to accept a glued
 * (`93976TC`) or space-separated (`99213 25`) modifier, where a bare two-character token would
 * otherwise be too ambiguous. Hyphen and X12 colon forms accept any two [0-9A-Z] characters.
 * Pure data; importable from anywhere.
 */

const NUMERIC =
  '22 23 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 90 91 92 93 95 96 97 99';

// (One string: the bundler joins the pieces.)
const LETTERS =
  // professional/technical, teaching physician, telehealth, ABN
  'TC AS GC GE GT GA GY GZ GX GW GV GU GQ GG GH GJ GK GL GM GR GN GO GP ' +
  // laterality and anatomy
  'LT RT E1 E2 E3 E4 F1 F2 F3 F4 F5 F6 F7 F8 F9 FA T1 T2 T3 T4 T5 T6 T7 T8 T9 TA LC LD RC LM RI ' +
  // distinct procedural service, lab, anesthesia
  'XE XS XP XU QW QX QY QZ QK QS QN QM Q5 Q6 Q0 QA QB QC QD QE QF QG QH QJ QL QP QQ QR QT AA AD ' +
  // site of service, DME
  'PO PN PD NU RR UE KH KI KJ KF KO KP KQ KX KS KZ K0 K1 K2 K3 K4 KA KB KC KD KE KG KL KM KN KR KT KU KV KW KY ' +
  // drugs, radiology, therapy, misc
  'FY FX FS FT FQ FR JW JZ JA JB JG JE JC JD J1 J2 J3 J4 CR CS CG CQ CO CT CB CC CD CE CF CH CI CJ CK CL CM CN ' +
  'SA SB SG SL SH SS ST SU SW SY SC SD SE SF SJ SK SM SN SQ SZ TH TS TT TU TV TB TD TE TF TG TJ TK TL TM TN TP TQ TR TW ' +
  'AI AQ AR AE AF AG AH AJ AK AM AO AP AT AZ ET EY EJ EA EB EC MS PA PB PC PI PS PT P1 P2 P3 P4 P5 P6 ' +
  'HA HB HC HD HE HF HG HH HI HJ HK HL HM HN HO HP HQ HR HS HT HU HV HW HX HY HZ ' +
  'U1 U2 U3 U4 U5 U6 U7 U8 U9 UA UB UC UD UF UG UH UJ UK UN UP UQ UR US V1 V2 V3 VP X1 X2 X3 X4 X5 ' +
  // CPT Category II performance-measure exclusions
  '1P 2P 3P 8P';

/** Every known modifier, upper case. */
export const KNOWN_MODIFIERS: ReadonlySet<string> = new Set(`${NUMERIC} ${LETTERS}`.split(/\s+/));

/** True when `value` is two characters from [0-9A-Z] (the shape of any modifier). */
export function isModifierShape(value: string): boolean {
  return /^[0-9A-Z]{2}$/.test(value);
}

/** True when `value` is in {@link KNOWN_MODIFIERS}. */
export function isKnownModifier(value: string): boolean {
  return KNOWN_MODIFIERS.has(value);
}

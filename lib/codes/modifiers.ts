/**
 * The common CPT and HCPCS Level II modifiers (two characters each). Used to accept a glued
 * (`93976TC`) or space-separated (`99213 25`) modifier, where a bare two-character token would
 * otherwise be too ambiguous. Hyphen and X12 colon forms accept any two [0-9A-Z] characters.
 * Pure data; importable from anywhere.
 */

/**
 * Every known modifier, grouped by its first character: a group is that character followed by each
 * second character (`T1234` is T1 T2 T3 T4). Compact because it ships in the script that runs on
 * every page; tests/unit/lib/codes/normalize.test.ts holds the same list written out in full.
 * It covers: the numeric CPT modifiers; professional/technical (26, TC), teaching physician (GC, GE),
 * telehealth (95, GT), ABN (GA, GY, GZ…); laterality and anatomy (LT, RT, E1–E4, F1–FA, T1–TA, LC…);
 * distinct procedural service (59, XE, XS, XP, XU), lab (QW), anesthesia (AA, QK, QX…); site of
 * service and DME (PO, PN, NU, RR, K0–KX…); drugs, radiology, therapy (JW, JZ, GP, GO, GN, CQ,
 * CO…); the H, S, U, V program modifiers; and the Category II exclusions 1P, 2P, 3P, 8P.
 */
const GROUPS =
  '1P 2234567P 323P 47 50123456789 6236 7346789 8012P 901235679 AADEFGHIJKMOPQRSTZ CBCDEFGHIJKLMNOQRST ' +
  'E1234ABCJTY F123456789AQRSTXY GACEGHJKLMNOPQRTUVWXYZ HABCDEFGHIJKLMNOPQRSTUVWXYZ J1234ABCDEGWZ ' +
  'K01234ABCDEFGHIJLMNOPQRSTUVWXYZ LCDMT MS NU P123456ABCDINOST Q056ABCDEFGHJKLMNPQRSTWXYZ RCIRT ' +
  'SABCDEFGHJKLMNQSTUWYZ T123456789ABCDEFGHJKLMNPQRSTUVW U123456789ABCDEFGHJKNPQRS V123P X12345EPSU';

/** Every known modifier, upper case. */
export const KNOWN_MODIFIERS: ReadonlySet<string> = new Set(GROUPS.split(' ').flatMap((g) => [...g.slice(1)].map((c) => g[0] + c)));

/** True when `value` is two characters from [0-9A-Z] (the shape of any modifier). */
export function isModifierShape(value: string): boolean {
  return /^[0-9A-Z]{2}$/.test(value);
}

/** True when `value` is in {@link KNOWN_MODIFIERS}. */
export function isKnownModifier(value: string): boolean {
  return KNOWN_MODIFIERS.has(value);
}

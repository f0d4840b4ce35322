/** Human name of a code's kind, from its shape alone (pure). */
export function codeKindLabel(code: string): string {
  if (/^\d{5}$/.test(code)) return 'CPT';
  if (/^\d{4}F$/.test(code)) return 'CPT Category II';
  if (/^\d{4}T$/.test(code)) return 'CPT Category III';
  if (/^\d{4}U$/.test(code)) return 'PLA';
  if (/^\d{4}M$/.test(code)) return 'MAAA';
  if (/^D\d{4}$/.test(code)) return 'CDT (dental)';
  if (/^[A-V]\d{4}$/.test(code)) return 'HCPCS Level II';
  return 'Code';
}

/** Whether the descriptor of this code is AMA (CPT) or ADA (CDT) copyright, left out of public builds. */
export function isLicensedDescriptor(code: string): boolean {
  return /^\d/.test(code) || /^D\d{4}$/.test(code);
}

/** Display formatting shared by every view (pure). */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatUsd(dollars: number | null | undefined): string {
  return dollars == null ? 'n/a' : usd.format(dollars);
}

export function formatRvu(n: number): string {
  return n.toFixed(2);
}

export function formatGlobalDays(g: string): string {
  if (/^\d{3}$/.test(g)) return `${Number(g)} days`;
  const labels: Record<string, string> = {
    XXX: 'not applicable',
    YYY: 'contractor sets',
    ZZZ: 'add-on (within another code’s global)',
    MMM: 'maternity',
  };
  return labels[g] ?? (g || '—');
}

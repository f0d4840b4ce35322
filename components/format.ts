/** Display formatting shared by every view (pure). */
import type { OtherSchedule } from '../lib/schedules/describe';

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

/** The tooltip of another schedule's amount on a summary or tally line (see otherScheduleOf). */
export function otherScheduleTitle(o: OtherSchedule): string {
  const name = o.schedule === 'CLFS' ? 'the Clinical Lab Fee Schedule' : 'the DMEPOS fee schedule';
  return `Paid under ${name}: ${formatUsd(o.amount)} per unit (${o.label}). Not a physician fee schedule amount, so not in the Allowed total.`;
}


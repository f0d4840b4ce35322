/**
 * A line's allowed amount in the page summary and the tally: the PFS amount; else, for a lab test
 * or a DME item, the schedule that pays it and its amount (muted, not in the totals); else n/a.
 */
import type { OtherSchedule } from '../lib/schedules/describe';
import { formatUsd } from './format';

export interface AllowedAmountProps {
  /** The line's PFS allowed amount × units; null when the PFS does not price it. */
  total: number | null;
  /** The other schedule's amount × units (`total`), when one pays the code. */
  other: (OtherSchedule & { total: number }) | null;
  testid: string;
}

export function AllowedAmount({ total, other, testid }: AllowedAmountProps) {
  if (total !== null) return <>{formatUsd(total)}</>;
  if (!other) return <span class="rl-na">n/a</span>;
  return (
    <span class="rl-na rl-ps-other" data-testid={testid}>
      <span>{other.schedule}</span> <span>{formatUsd(other.total)}</span>
    </span>
  );
}

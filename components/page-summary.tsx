/**
 * "Codes on this page" (issue 6): the codes the scanner marked in a tab, one line per code +
 * modifiers with marks, units, wRVU and allowed amount, and the totals. Presentational: the popup
 * supplies the summary (lib/summary summarizePage) and handles reveal / add / copy.
 */
import type { PageSummary, SummaryRow } from '../lib/summary/page';
import { formatRvu, formatUsd, otherScheduleTitle } from './format';
import { AllowedAmount } from './allowed-amount';
import { TotalTile } from './total-tile';

export interface PageSummaryProps {
  summary: PageSummary;
  /** "National (no GPCI) · Non-facility": what the amounts are priced at. */
  pricedAt: string;
  /** The page's host (or URL), shown under the title. */
  source?: string;
  /** Click on a line: scroll to (the next occurrence of) that code on the page. */
  onReveal: (row: SummaryRow) => void;
  /** Add lines to the tally (one line, or all of them). */
  onAdd: (rows: SummaryRow[]) => void;
  /** Keys (summaryKey) added to the tally during this popup session. */
  added: ReadonlySet<string>;
  onCopy: () => void;
  copied: boolean;
  /** The CSV file's text (download link and `data-csv`). */
  csv: string;
  /** Key of the line just revealed (highlighted). */
  revealed?: string | null;
}

const label = (r: Pick<SummaryRow, 'code' | 'modifiers'>): string => [r.code, ...r.modifiers].join('-');

/** The allowed cell's tooltip: per unit, or what pays the code when the PFS does not. */
function allowedTitle(r: SummaryRow): string {
  if (r.allowed !== null) return `${formatUsd(r.allowed)} per unit`;
  return r.other ? otherScheduleTitle(r.other) : 'No price in this setting';
}

export function PageSummaryView({ summary, pricedAt, source, onReveal, onAdd, added, onCopy, copied, csv, revealed }: PageSummaryProps) {
  const t = summary.totals;
  const left = t.unpriced + t.missing;
  const elsewhere = summary.rows.filter((r) => r.other).length;
  return (
    <div class="rl-ps" data-testid="page-summary">
      <div class="rl-ps-head">
        <div class="rl-ps-title">Codes on this page</div>
        {source && (
          <span class="rl-ps-source" title={source}>
            {source}
          </span>
        )}
      </div>
      <div class="rl-ps-totals" data-testid="page-totals">
        <TotalTile label="Codes" value={t.codes} testid="total-codes">
          <span class="rl-ps-total-sub">
            {t.count} marks · {t.units} units
          </span>
        </TotalTile>
        <TotalTile label="wRVU" value={formatRvu(t.workRvu)} testid="total-wrvu" dataValue={t.workRvu.toFixed(2)} />
        <TotalTile label="Allowed" value={formatUsd(t.allowed)} testid="total-allowed" dataValue={t.allowed.toFixed(2)}>
          {left > 0 && (
            <span class="rl-ps-total-sub" title={`${left} code${left > 1 ? 's have' : ' has'} no physician fee schedule price in this setting (left out of the total)${elsewhere ? `; ${elsewhere} paid under another schedule, shown on ${elsewhere > 1 ? 'their lines' : 'its line'}` : ''}`}>
              {left} not priced
            </span>
          )}
        </TotalTile>
      </div>
      <div class="rl-ps-actions">
        <button type="button" class="rl-btn" onClick={onCopy} data-testid="summary-copy" title="Copy as a table (paste into a spreadsheet)">
          {copied ? 'Copied ✓' : 'Copy table'}
        </button>
        <a
          class="rl-btn"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
          download="rvu-lens-page-codes.csv"
          data-csv={csv}
          data-testid="summary-csv"
        >
          Export CSV
        </a>
        <button type="button" class="rl-btn rl-btn-right" onClick={() => onAdd(summary.rows)} data-testid="summary-add-all" title="Add every line (with its units) to the tally">
          Add all to tally
        </button>
      </div>
      <table class="rl-ps-table" aria-label={`Codes on this page, priced at ${pricedAt}`}>
        <thead>
          <tr>
            <th class="rl-ps-code">Code</th>
            <th class="rl-num" title="Times the code is marked on the page">Marks</th>
            <th class="rl-num" title="Units (a mark without units counts 1)">Units</th>
            <th class="rl-num">wRVU</th>
            <th class="rl-num">Allowed</th>
            <th class="rl-ps-act"><span class="rl-sr">Add</span></th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => {
            const isAdded = added.has(r.key);
            return (
              <tr
                key={r.key}
                class={`rl-ps-row${revealed === r.key ? ' rl-ps-revealed' : ''}`}
                data-key={r.key}
                onClick={() => onReveal(r)}
                title={`Show ${label(r)} on the page${r.count > 1 ? ' (click again for the next one)' : ''}`}
              >
                <td class="rl-ps-code">
                  <span class="rl-ps-label">{label(r)}</span>
                  <span class="rl-ps-desc">{r.description || (r.workRvu === null ? 'Not in the loaded fee schedules' : '')}</span>
                </td>
                <td class="rl-num" data-col="count">{r.count}</td>
                <td class="rl-num" data-col="units">{r.units}</td>
                <td class="rl-num" data-col="wrvu" title={r.workRvu === null ? undefined : `${formatRvu(r.workRvu)} per unit`}>
                  {r.workRvuTotal === null ? '—' : formatRvu(r.workRvuTotal)}
                </td>
                <td class="rl-num rl-ps-amt" data-col="allowed" title={allowedTitle(r)}>
                  <AllowedAmount total={r.allowedTotal} other={r.other} testid="other-schedule" />
                </td>
                <td class="rl-ps-act">
                  <button
                    type="button"
                    class={`rl-ps-add${isAdded ? ' rl-ps-added' : ''}`}
                    title={isAdded ? `${label(r)} added to the tally` : `Add ${label(r)}${r.units > 1 ? ` × ${r.units} units` : ''} to the tally`}
                    aria-label={`Add ${label(r)} to the tally`}
                    data-testid="summary-add"
                    onClick={(e) => {
                      e.stopPropagation();
                      onAdd([r]);
                    }}
                  >
                    {isAdded ? '✓' : '+'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The code card: every figure the product knows about one code. Presentational (props in, callbacks out). */
import type { CodeCard as Card } from '../lib/card';
import { formatGlobalDays, formatRvu, formatUsd } from './format';

export interface CodeCardProps {
  card: Card;
  onCopy?: (code: string) => void;
  copied?: boolean;
  compact?: boolean;
  /** Shows an "Add to tally" button (page popover, popup detail). */
  onAddToTally?: () => void;
  /** The card's code was just added to the tally: the button says so. */
  added?: boolean;
}

export function CodeCard({ card, onCopy, copied, compact, onAddToTally, added }: CodeCardProps) {
  const label = card.modifiers.length ? `${card.code}-${card.modifiers.join('-')}` : card.code;
  const units = card.units > 1 ? ` × ${card.units}` : '';
  const first = card.preferredSetting;
  const settings = first === 'facility' ? (['facility', 'nonFacility'] as const) : (['nonFacility', 'facility'] as const);
  const settingName = { nonFacility: 'Non-facility', facility: 'Facility' };
  return (
    <div class="rl-card" data-code={card.code}>
      <div class="rl-head">
        <span class="rl-code">{label}{units}</span>
        <span class="rl-kind">{card.kind}</span>
        <span class={`rl-status rl-status-${card.priced ? 'priced' : 'label'}`} title={`Status ${card.status}`}>
          {card.statusLabel}
        </span>
        {onAddToTally && (
          <button
            type="button"
            class={`rl-copy rl-add-tally${onCopy ? '' : ' rl-push'}${added ? ' rl-added' : ''}`}
            onClick={() => onAddToTally()}
            title={`Add ${label}${units} to the tally`}
            data-testid="add-to-tally"
          >
            {added ? 'Added ✓' : '+ Tally'}
          </button>
        )}
        {onCopy && (
          <button type="button" class={`rl-copy${onAddToTally ? '' : ' rl-push'}`} onClick={() => onCopy(label)} title="Copy code">
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
      </div>
      <div class="rl-desc">
        {card.description || (card.descriptorMissing ? <em>Descriptor not loaded (CPT descriptors are AMA-licensed: import your CMS release in Options).</em> : <em>No description</em>)}
      </div>
      {card.schedule.schedule !== 'PFS' && (
        <div class="rl-schedule" data-schedule={card.schedule.schedule}>
          <div>
            <span class="rl-sched-name">{SCHEDULE_NAMES[card.schedule.schedule]}</span>
            {card.schedule.amount !== null && (
              <span class="rl-sched-amount">
                {formatUsd(card.schedule.amount)} <span class="rl-sched-label">{card.schedule.amountLabel}</span>
              </span>
            )}
          </div>
          <div class="rl-sched-statement">{card.schedule.statement}</div>
          {card.schedule.terminated && <div class="rl-note">Terminated {card.schedule.terminated.date}.</div>}
        </div>
      )}
      {showRvus(card) && (
      <table class="rl-figs">
        <thead>
          <tr>
            <th />
            {settings.map((s) => (
              <th key={s} class={s === first ? 'rl-first' : ''}>{settingName[s]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>Work RVU</th>
            <td colSpan={2} class="rl-num">{formatRvu(card.workRvu)}</td>
          </tr>
          {!compact && (
            <tr>
              <th>PE / MP RVU</th>
              {settings.map((s) => (
                <td key={s} class="rl-num">{formatRvu(card.peRvu[s])} / {formatRvu(card.mpRvu)}</td>
              ))}
            </tr>
          )}
          <tr>
            <th>Total RVU</th>
            {settings.map((s) => (
              <td key={s} class="rl-num">{formatRvu(card.totalRvu[s])}</td>
            ))}
          </tr>
          <tr class="rl-allowed">
            <th>Allowed</th>
            {settings.map((s) => (
              <td key={s} class="rl-num" data-setting={s} title={card.reasons[s] ?? undefined}>
                {card.baseAllowed[s] == null ? <span class="rl-na">{shortReason(card.reasons[s])}</span> : formatUsd(card.baseAllowed[s])}
              </td>
            ))}
          </tr>
          {card.adjustedByRequest && (
            <tr class="rl-adjusted">
              <th>With {label.slice(card.code.length + 1) || 'units'}{units}</th>
              {settings.map((s) => (
                <td key={s} class="rl-num rl-adjusted-amount" data-setting={s}>{formatUsd(card.allowed[s])}</td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      )}
      {hasInsights(card) && (
        <div class="rl-insights">
          {card.comparison?.text && <div class="rl-insight rl-comparison" data-testid="comparison">{card.comparison.text}</div>}
          {card.yoy?.text && <div class="rl-insight rl-yoy" data-testid="yoy">{card.yoy.text}</div>}
          {card.related?.text && <div class="rl-insight rl-related-codes" data-testid="related">{card.related.text}</div>}
        </div>
      )}
      {card.adjustments.length > 0 && (
        <ul class="rl-adj">
          {card.adjustments.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      {card.notes.map((n) => (
        <div key={n} class="rl-note">{n}</div>
      ))}
      {!compact && card.relatedRows.length > 0 && (
        <table class="rl-figs rl-related">
          <thead>
            <tr><th>Row</th><th>wRVU</th>{settings.map((s) => <th key={s}>{settingName[s]}</th>)}</tr>
          </thead>
          <tbody>
            {card.relatedRows.map((r) => (
              <tr key={r.modifier}>
                <th>{card.code}{r.modifier ? `-${r.modifier}` : ' global'}</th>
                <td class="rl-num">{formatRvu(r.workRvu)}</td>
                {settings.map((s) => <td key={s} class="rl-num">{formatUsd(r.allowed[s])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="rl-meta">
        {card.inPfs && <span>Global: {formatGlobalDays(card.globalDays)}</span>}
        <span>
          {card.locality.id ? `${card.locality.name} (${card.locality.id})` : 'National (no GPCI)'} · CF {card.conversionFactor.toFixed(4)}
          {card.track === 'qp' ? ' (QP)' : ''} · {card.release}
        </span>
      </div>
      <div class="rl-foot">Allowed = Medicare fee schedule amount; Medicare pays about 80% of it after the deductible.</div>
    </div>
  );
}

/** Comparison, year over year and PC/TC relation lines (absent on cards from an older background). */
function hasInsights(card: Card): boolean {
  return !!(card.comparison?.text || card.yoy?.text || card.related?.text);
}

/** RVU table: for PFS codes, and for codes another schedule pays only when the PFS gives them RVUs. */
function showRvus(card: Card): boolean {
  if (!card.inPfs) return false;
  return card.schedule.schedule === 'PFS' || card.workRvu > 0 || card.totalRvu.nonFacility > 0 || card.totalRvu.facility > 0;
}

const SCHEDULE_NAMES = {
  PFS: 'Physician fee schedule',
  CLFS: 'Clinical lab fee schedule',
  DMEPOS: 'DMEPOS fee schedule',
  none: 'No Medicare fee schedule amount here',
} as const;

function shortReason(reason: string | null): string {
  if (!reason) return 'n/a';
  if (reason.includes('(NA)')) return 'n/a (NA)';
  return reason.length > 28 ? `${reason.slice(0, 26)}…` : reason;
}

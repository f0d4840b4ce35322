/**
 * The tally (procedure log, issue 6): items with units, date, note and encounter label; sums of
 * wRVU and allowed; the multiple-procedure rule's explanation; the release it is priced with;
 * export, copy, clear, undo. Presentational: the popup sends the actions to the background and
 * passes the priced report back in.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ReleaseSummary, TallyReport } from '../lib/messaging';
import type { TallyAction } from '../lib/tally/reducer';
import type { TallyRow } from '../lib/tally/totals';
import { formatRvu, formatUsd, otherScheduleTitle } from './format';
import { AllowedAmount } from './allowed-amount';
import { TotalTile } from './total-tile';

export interface TallyViewProps {
  report: TallyReport;
  releases: readonly ReleaseSummary[];
  applyMpp: boolean;
  onToggleMpp: (on: boolean) => void;
  onAction: (action: TallyAction) => void;
  onCopy: () => void;
  copied: boolean;
  /** "National (no GPCI) · Non-facility". */
  pricedAt: string;
}

const itemLabel = (r: TallyRow): string => [r.item.code, ...r.item.modifiers].join('-');

function added(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.toDateString() === new Date().toDateString();
  const time = d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

/**
 * Handlers shared by the tally's fields: typing edits a draft; Enter or leaving the field commits
 * it (Enter blurs, and the blur commits: one commit, one undo step); Escape restores the value.
 */
function draftHandlers(setDraft: (v: string) => void, commit: () => void, reset: () => void) {
  return {
    onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        (e.currentTarget as HTMLInputElement).blur();
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        reset();
      }
    },
  };
}

/** A text field that commits on Enter / blur (not on every key: each change is one undo step). */
function EditField(props: { value: string; placeholder: string; onCommit: (v: string) => void; class: string; label: string; testid: string; maxLength?: number }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft.trim() !== props.value) props.onCommit(draft.trim());
  };
  return (
    <input
      type="text"
      class={`rl-tally-field ${props.class}`}
      value={draft}
      placeholder={props.placeholder}
      aria-label={props.label}
      title={props.label}
      maxLength={props.maxLength ?? 200}
      data-testid={props.testid}
      {...draftHandlers(setDraft, commit, () => setDraft(props.value))}
    />
  );
}

function UnitsField({ value, onCommit, label }: { value: number; onCommit: (v: number) => void; label: string }) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const commit = () => {
    const n = Number(draft);
    if (Number.isInteger(n) && n >= 1 && n <= 999) {
      if (n !== value) onCommit(n);
    } else setDraft(String(value));
  };
  return (
    <label class="rl-tally-units" title="Units">
      ×
      <input
        type="number"
        min={1}
        max={999}
        step={1}
        value={draft}
        aria-label={label}
        data-testid="tally-units"
        {...draftHandlers(setDraft, commit, () => setDraft(String(value)))}
      />
    </label>
  );
}

export function TallyView({ report, releases, applyMpp, onToggleMpp, onAction, onCopy, copied, pricedAt }: TallyViewProps) {
  const { state, totals } = report;
  const t = totals.totals;
  const rows = totals.rows;
  const undoable = state.history.length > 0;
  const mppAfter = new Map<string, number | null>();
  for (const r of report.mpp ?? []) for (const it of r.items) mppAfter.set(it.item.id, it.allowed);
  const mppTotal = report.mpp ? rows.reduce((s, r) => s + Math.round(((mppAfter.has(r.item.id) ? mppAfter.get(r.item.id) : r.allowedTotal) ?? 0) * 100), 0) / 100 : null;
  const encounters = new Set(state.items.map((i) => i.encounter).filter(Boolean));
  const releaseValue = state.release ?? '';
  const knownRelease = releases.some((r) => r.id === releaseValue);

  return (
    <div class="rl-tally" data-testid="tally">
      <div class="rl-ps-head">
        <div class="rl-ps-title">Tally</div>
        <label class="rl-tally-release" title="Release (year) whose RVUs and conversion factor the tally uses">
          <span>Release</span>
          <select
            value={releaseValue}
            data-testid="tally-release"
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              onAction({ type: 'setRelease', release: v || null });
            }}
          >
            <option value="">Current · {releases.find((r) => r.active)?.label ?? report.releaseId}</option>
            {releases.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
                {r.active ? ' (active)' : ''}
              </option>
            ))}
            {!knownRelease && releaseValue && <option value={releaseValue}>{releaseValue} (not loaded)</option>}
          </select>
        </label>
      </div>
      <div class="rl-ps-at">
        {pricedAt} · priced with {report.releaseId}
      </div>

      <div class="rl-ps-totals" data-testid="tally-totals">
        <TotalTile label="Items" value={t.items} testid="tally-count">
          <span class="rl-ps-total-sub">{t.units} units</span>
        </TotalTile>
        <TotalTile label="wRVU" value={formatRvu(t.workRvu)} testid="tally-wrvu" dataValue={t.workRvu.toFixed(2)} />
        <TotalTile label="Allowed" value={formatUsd(t.allowed)} testid="tally-allowed" dataValue={t.allowed.toFixed(2)}>
          {mppTotal !== null && report.mpp && report.mpp.length > 0 && (
            <span class="rl-ps-total-sub" data-testid="tally-mpp-total">{formatUsd(mppTotal)} after the rule</span>
          )}
          {t.unpriced + t.missing > 0 && <span class="rl-ps-total-sub">{t.unpriced + t.missing} without a price left out</span>}
        </TotalTile>
      </div>

      <div class="rl-ps-actions">
        <a
          class={`rl-btn${rows.length ? '' : ' rl-btn-disabled'}`}
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(report.csv)}`}
          download="rvu-lens-tally.csv"
          data-csv={report.csv}
          data-testid="tally-csv"
          aria-disabled={rows.length ? undefined : 'true'}
        >
          Export CSV
        </a>
        <button type="button" class="rl-btn" onClick={onCopy} disabled={!rows.length} data-testid="tally-copy">
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
        <button type="button" class="rl-btn rl-btn-right" onClick={() => onAction({ type: 'undo' })} disabled={!undoable} data-testid="tally-undo" title="Undo the last change">
          Undo
        </button>
        <button
          type="button"
          class="rl-btn rl-btn-danger"
          disabled={!rows.length}
          data-testid="tally-clear"
          title="Remove every item (Undo brings them back)"
          onClick={() => onAction({ type: 'clear' })}
        >
          Clear
        </button>
      </div>
      {rows.length === 0 ? (
        <p class="rl-empty" data-testid="tally-empty">
          The tally is empty. Add codes with <b>+ Tally</b> on a code’s card (on a page or here), or <b>+</b> in “This page”.
        </p>
      ) : (
        <ul class="rl-tally-items">
          {rows.map((r) => (
            <li key={r.item.id} class="rl-tally-item" data-testid="tally-item" data-code={r.item.code}>
              <div class="rl-tally-line">
                <span class="rl-ps-label" title={r.description}>{itemLabel(r)}</span>
                <UnitsField value={r.item.units} label={`Units of ${itemLabel(r)}`} onCommit={(units) => onAction({ type: 'update', id: r.item.id, patch: { units } })} />
                <span class="rl-tally-desc" title={r.description}>{r.description || r.reason || ''}</span>
                <span class="rl-tally-fig rl-num" title={r.workRvu === null ? undefined : `${formatRvu(r.workRvu)} wRVU per unit`}>
                  {r.workRvuTotal === null ? '—' : formatRvu(r.workRvuTotal)}
                </span>
                <span
                  class="rl-tally-fig rl-tally-amt rl-num"
                  title={
                    r.allowed !== null
                      ? `${formatUsd(r.allowed)} per unit`
                      : r.other
                        ? otherScheduleTitle(r.other)
                        : (r.reason ?? 'No price')
                  }
                >
                  <AllowedAmount total={r.allowedTotal} other={r.other} testid="tally-other" />
                  {mppAfter.has(r.item.id) && mppAfter.get(r.item.id) !== r.allowedTotal && (
                    <span class="rl-tally-after">{mppAfter.get(r.item.id) == null ? 'rule: n/a' : `→ ${formatUsd(mppAfter.get(r.item.id))}`}</span>
                  )}
                </span>
                <button type="button" class="rl-tally-remove" title={`Remove ${itemLabel(r)}`} aria-label={`Remove ${itemLabel(r)}`} onClick={() => onAction({ type: 'remove', id: r.item.id })}>
                  ×
                </button>
              </div>
              <div class="rl-tally-line rl-tally-meta">
                <span class="rl-tally-date" title={r.item.addedAt}>{added(r.item.addedAt)}</span>
                <EditField
                  class="rl-tally-enc"
                  value={r.item.encounter ?? ''}
                  placeholder="Encounter"
                  label="Encounter label (items with the same label are one encounter)"
                  testid="tally-encounter"
                  maxLength={60}
                  onCommit={(encounter) => onAction({ type: 'update', id: r.item.id, patch: { encounter } })}
                />
                <EditField
                  class="rl-tally-note"
                  value={r.item.note ?? ''}
                  placeholder="Note"
                  label="Note"
                  testid="tally-note"
                  onCommit={(note) => onAction({ type: 'updateNote', id: r.item.id, note })}
                />
              </div>
            </li>
          ))}
        </ul>
      )}

      <label class="rl-tally-mpp">
        <input type="checkbox" checked={applyMpp} data-testid="tally-mpp" onChange={(e) => onToggleMpp((e.currentTarget as HTMLInputElement).checked)} />
        Apply the multiple-procedure rule to encounters
      </label>
      {applyMpp && (
        <div class="rl-tally-mpp-lines" data-testid="tally-mpp-lines">
          {!report.mpp || report.mpp.length === 0 ? (
            <p class="rl-hint">
              {encounters.size === 0 ? 'Give items the same encounter label to rank them together.' : 'No encounter has procedures the rule reduces.'}
            </p>
          ) : (
            report.mpp.map((m, i) => {
              const enc = m.items[0]?.item.encounter ?? `Encounter ${i + 1}`;
              return (
                <div key={enc} class="rl-tally-enc-block">
                  <div class="rl-tally-enc-head">
                    <b>{enc}</b>: {formatUsd(m.baseTotal)} → {formatUsd(m.allowedTotal)}
                    {m.notComputed > 0 ? ` (${m.notComputed} not computed)` : ''}
                  </div>
                  <ul>
                    {m.lines.map((l, k) => (
                      <li key={k}>{l}</li>
                    ))}
                  </ul>
                </div>
              );
            })
          )}
        </div>
      )}

    </div>
  );
}

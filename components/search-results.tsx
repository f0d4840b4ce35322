/** The popup's result list: one row per code (presentational; arrows/Enter are handled by the page). */
import { formatRvu, formatUsd } from './format';

export interface ResultRow {
  code: string;
  modifiers: string[];
  description: string;
  /** Status letter and its short label ("A active"). */
  status: string;
  statusLabel: string;
  priced: boolean;
  workRvu: number;
  allowed: number | null;
}

export interface SearchResultsProps {
  id: string;
  rows: ResultRow[];
  selected: number;
  onHover: (index: number) => void;
  onOpen: (index: number) => void;
  onCopy: (label: string) => void;
  copied: string | null;
}

export const rowLabel = (r: Pick<ResultRow, 'code' | 'modifiers'>): string => (r.modifiers.length ? `${r.code}-${r.modifiers.join('-')}` : r.code);
export const rowDomId = (listId: string, i: number): string => `${listId}-${i}`;

export function SearchResults({ id, rows, selected, onHover, onOpen, onCopy, copied }: SearchResultsProps) {
  return (
    <ul class="rl-results" id={id} role="listbox" aria-label="Codes">
      {rows.map((r, i) => {
        const label = rowLabel(r);
        return (
          <li
            key={label}
            id={rowDomId(id, i)}
            role="option"
            aria-selected={i === selected}
            class={`rl-result${i === selected ? ' rl-result-selected' : ''}`}
            data-code={r.code}
            onMouseMove={() => i !== selected && onHover(i)}
            onClick={() => onOpen(i)}
          >
            <div class="rl-result-main">
              <span class="rl-result-code">{label}</span>
              <span class="rl-result-desc" title={r.description}>{r.description || <em>No descriptor</em>}</span>
            </div>
            <div class="rl-result-side">
              <span class={`rl-result-status${r.priced ? '' : ' rl-result-status-label'}`} title={r.statusLabel}>{r.priced ? r.status : r.statusLabel}</span>
              <span class="rl-result-wrvu" title="Work RVU">{formatRvu(r.workRvu)}</span>
              <span class="rl-result-amount" title="Allowed amount">{r.allowed == null ? '—' : formatUsd(r.allowed)}</span>
              <button
                type="button"
                class="rl-result-copy"
                title={`Copy ${label}`}
                aria-label={`Copy ${label}`}
                tabIndex={-1}
                onClick={(e) => {
                  e.stopPropagation();
                  onCopy(label);
                }}
              >
                {copied === label ? (
                  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" /></svg>
                ) : (
                  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><rect x="5" y="5" width="8" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5" /><path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H10" fill="none" stroke="currentColor" stroke-width="1.5" /></svg>
                )}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Locality chooser: a search box plus a list grouped by state, "National (no GPCI)" first. Presentational. */
import type { Locality } from '../lib/dataset/types';
import type { LocalityGroup } from '../lib/search/locality';

export interface LocalityPickerProps {
  query: string;
  onQuery: (q: string) => void;
  /** Search results (flat, ranked) when the query is not empty. */
  results: Locality[];
  groups: LocalityGroup[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

function Option({ l, selected, onSelect, showState }: { l: Locality; selected: boolean; onSelect: (id: string) => void; showState?: boolean }) {
  const counties = l.counties && l.counties !== l.name ? l.counties : '';
  return (
    <li>
      <button type="button" class={`rl-loc${selected ? ' rl-loc-selected' : ''}`} aria-pressed={selected} data-locality={l.id} onClick={() => onSelect(l.id)}>
        <span class="rl-loc-name">
          {l.name}
          {showState && <span class="rl-loc-state">, {l.state}</span>}
        </span>
        <span class="rl-loc-id">{l.id}</span>
        {counties && <span class="rl-loc-counties">{counties.toLowerCase()}</span>}
      </button>
    </li>
  );
}

export function LocalityPicker({ query, onQuery, results, groups, selectedId, onSelect }: LocalityPickerProps) {
  const national = (
    <li>
      <button type="button" class={`rl-loc${selectedId === null ? ' rl-loc-selected' : ''}`} aria-pressed={selectedId === null} data-locality="national" onClick={() => onSelect(null)}>
        <span class="rl-loc-name">National (no GPCI)</span>
        <span class="rl-loc-counties">national amounts: every GPCI = 1.000</span>
      </button>
    </li>
  );
  return (
    <div class="rl-locpicker">
      <input
        type="search"
        class="rl-input"
        placeholder="Locality, state or county (e.g. Kings, Westchester, Ohio)"
        aria-label="Search localities"
        value={query}
        onInput={(e) => onQuery((e.currentTarget as HTMLInputElement).value)}
      />
      <div class="rl-loclist">
        {query.trim() ? (
          results.length ? (
            <ul class="rl-loc-results" data-testid="locality-results">
              {results.map((l) => (
                <Option key={l.id} l={l} selected={l.id === selectedId} onSelect={onSelect} showState />
              ))}
            </ul>
          ) : (
            <p class="rl-muted">No locality, state or county matches “{query.trim()}”.</p>
          )
        ) : (
          <>
            <ul class="rl-loc-results">{national}</ul>
            {groups.map((g) => (
              <section key={g.state} class="rl-loc-group">
                <h3>
                  {g.stateName} <span class="rl-muted">({g.state})</span>
                </h3>
                <ul class="rl-loc-results">
                  {g.localities.map((l) => (
                    <Option key={l.id} l={l} selected={l.id === selectedId} onSelect={onSelect} />
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </div>
    </div>
  );
}

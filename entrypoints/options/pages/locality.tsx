import { useEffect, useMemo, useState } from 'preact/hooks';
import { LocalityPicker } from '../../../components/locality-picker';
import type { Locality } from '../../../lib/dataset/types';
import { sendMessage } from '../../../lib/messaging';
import { groupByState, searchLocalities } from '../../../lib/search/locality';
import { localityItem } from '../../../lib/settings';

export function LocalityPage({ dataVersion }: { dataVersion: number }) {
  const [localities, setLocalities] = useState<Locality[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void localityItem.getValue().then(setSelectedId);
    return localityItem.watch(setSelectedId);
  }, []);
  useEffect(() => {
    sendMessage('listLocalities').then(setLocalities, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [dataVersion]);

  const groups = useMemo(() => groupByState(localities ?? []), [localities]);
  const results = useMemo(() => searchLocalities(localities ?? [], query), [localities, query]);
  const chosen = localities?.find((l) => l.id === selectedId) ?? null;
  const gpci = (x: number | undefined) => (x ?? 1).toFixed(3);

  return (
    <section aria-labelledby="loc-h">
      <h2 id="loc-h">Locality</h2>
      <p class="rl-muted">Amounts use the geographic practice cost indices (GPCIs) of your Medicare payment locality.</p>
      <div class="rl-current" data-testid="current-locality">
        <div>
          <div class="rl-current-label">Current</div>
          <div class="rl-current-name">{selectedId ? (chosen ? `${chosen.name}, ${chosen.state}` : selectedId) : 'National (no GPCI)'}</div>
          {chosen && <div class="rl-muted">{chosen.id}{chosen.counties ? ` · ${chosen.counties.toLowerCase()}` : ''}</div>}
          {selectedId && localities && !chosen && <div class="rl-warn">This locality is not in the loaded release: amounts fall back to national.</div>}
        </div>
        <dl class="rl-gpcis" data-testid="gpcis">
          <div>
            <dt>Work GPCI</dt>
            <dd>{gpci(chosen?.workGpci)}</dd>
          </div>
          <div>
            <dt>PE GPCI</dt>
            <dd>{gpci(chosen?.peGpci)}</dd>
          </div>
          <div>
            <dt>MP GPCI</dt>
            <dd>{gpci(chosen?.mpGpci)}</dd>
          </div>
        </dl>
      </div>
      {error ? (
        <p class="rl-warn">Could not load localities: {error}</p>
      ) : !localities ? (
        <p class="rl-muted">Loading localities…</p>
      ) : (
        <LocalityPicker query={query} onQuery={setQuery} results={results} groups={groups} selectedId={selectedId} onSelect={(id) => void localityItem.setValue(id)} />
      )}
    </section>
  );
}

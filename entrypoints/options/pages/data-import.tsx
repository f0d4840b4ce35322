import { useEffect, useState } from 'preact/hooks';
import { ReleaseInfo } from '../../../components/release-info';
import { ReleaseReport } from '../../../components/release-report';
import { encodeDataset } from '../../../lib/dataset/codec';
import type { Dataset } from '../../../lib/dataset/types';
import type { DatasetMeta } from '../../../lib/db/schema';
import { STEP_LABELS, prepareImport, type ImportReport } from '../../../lib/import/prepare';
import { sendMessage } from '../../../lib/messaging';

type State =
  | { kind: 'idle' }
  | { kind: 'working'; label: string }
  | { kind: 'report'; report: ImportReport; dataset: Dataset }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 16));

export function DataPage({ onChanged }: { onChanged: () => void }) {
  const [meta, setMeta] = useState<DatasetMeta | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [inputKey, setInputKey] = useState(0);

  const refresh = () => sendMessage('getDatasetInfo').then(setMeta, () => setMeta(null));
  useEffect(() => void refresh(), []);

  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setState({ kind: 'working', label: STEP_LABELS.reading });
    const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const currentLocalities = await sendMessage('listLocalities').catch(() => []);
    const plan = await prepareImport(files, { currentLocalities, onStep: (s) => setState({ kind: 'working', label: STEP_LABELS[s] }), yieldToUi: nextFrame });
    setInputKey((k) => k + 1);
    setState(plan.ok ? { kind: 'report', report: plan.report, dataset: plan.dataset } : { kind: 'error', message: plan.error });
  };

  const confirm = async (ds: Dataset) => {
    setState({ kind: 'working', label: STEP_LABELS.saving });
    await nextFrame();
    try {
      const m = await sendMessage('importRelease', { datasetText: encodeDataset(ds) });
      setMeta(m);
      onChanged();
      setState({ kind: 'done', message: `${m.release.id} is loaded: ${m.counts.codes.toLocaleString('en-US')} codes, ${m.counts.localities} localities.` });
    } catch (e) {
      await refresh();
      setState({ kind: 'error', message: `The import failed and nothing was changed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const reset = async () => {
    setState({ kind: 'working', label: 'Restoring the bundled release…' });
    try {
      const m = await sendMessage('resetToBundled');
      setMeta(m);
      onChanged();
      setState({ kind: 'done', message: `Back to the bundled release ${m.release.id}.` });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const busy = state.kind === 'working';
  return (
    <section aria-labelledby="data-h">
      <h2 id="data-h">Data</h2>
      {meta ? <ReleaseInfo meta={meta} /> : <p class="rl-muted">Loading…</p>}

      <h3>Import a CMS release</h3>
      <p class="rl-muted">
        Choose the RVU zip exactly as downloaded from CMS (“PFS Relative Value Files”), or its CSV files (PPRRVU…, GPCI…, …LOCCO, ANES…, OPPSCAP…). Everything is read in this
        browser; you see a report before anything changes.
      </p>
      <div class="rl-row">
        <label class={`rl-btn rl-btn-primary${busy ? ' rl-disabled' : ''}`}>
          Choose files…
          <input key={inputKey} type="file" accept=".zip,.csv" multiple hidden disabled={busy} data-testid="import-input" onChange={(e) => void onFiles((e.currentTarget as HTMLInputElement).files)} />
        </label>
        {meta?.origin === 'imported' && (
          <button type="button" class="rl-btn" onClick={() => void reset()} disabled={busy} data-testid="reset-bundled">
            Go back to the bundled release
          </button>
        )}
      </div>

      <div aria-live="polite">
        {state.kind === 'working' && (
          <p class="rl-progress" data-testid="import-progress">
            <span class="rl-spinner" aria-hidden="true" /> {state.label}
          </p>
        )}
        {state.kind === 'error' && (
          <div class="rl-alert rl-alert-error" role="alert" data-testid="import-error">
            <strong>Nothing was changed.</strong> {state.message}
          </div>
        )}
        {state.kind === 'done' && (
          <div class="rl-alert rl-alert-ok" data-testid="import-done">
            {state.message}
          </div>
        )}
        {state.kind === 'report' && <ReleaseReport report={state.report} onConfirm={() => void confirm(state.dataset)} onCancel={() => setState({ kind: 'idle' })} />}
      </div>
    </section>
  );
}

/** What release is loaded (presentational). */
import type { DatasetMeta } from '../lib/db/schema';

export function ReleaseInfo({ meta }: { meta: DatasetMeta }) {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <dl class="rl-facts" data-testid="release-info">
      <dt>Release</dt>
      <dd>
        <strong data-testid="release-id">{meta.release.id}</strong> · {meta.release.title}
      </dd>
      <dt>Released</dt>
      <dd>{meta.release.released || '—'}</dd>
      <dt>Source</dt>
      <dd>{meta.origin === 'imported' ? `imported ${new Date(meta.loadedAt).toLocaleString()}` : `bundled with the extension (${meta.seededBy})`}</dd>
      <dt>Rows</dt>
      <dd>
        {n(meta.counts.pfs)} fee schedule rows · {n(meta.counts.codes)} codes · {n(meta.counts.localities)} localities · {n(meta.counts.oppsCap)} OPPS caps
      </dd>
      <dt>CPT descriptors</dt>
      <dd>{meta.cptDescriptors ? 'present' : 'not included (import your CMS release to add them)'}</dd>
      <dt>Conversion factor</dt>
      <dd>
        {meta.conversionFactors.nonQp.toFixed(4)} (non-QP){meta.conversionFactors.qp !== meta.conversionFactors.nonQp ? ` · ${meta.conversionFactors.qp.toFixed(4)} (QP)` : ''}
      </dd>
    </dl>
  );
}

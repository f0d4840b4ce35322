/** The import report shown before anything changes: per file rows read / accepted / rejected by reason. Presentational. */
import type { ImportReport } from '../lib/import/prepare';

export interface ReleaseReportProps {
  report: ImportReport;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}

export function ReleaseReport({ report, onConfirm, onCancel, busy }: ReleaseReportProps) {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <div class="rl-report" data-testid="import-report">
      <h3>
        Ready to import <span data-testid="report-release">{report.releaseId}</span>
      </h3>
      <p class="rl-muted">
        {report.title}
        {report.released ? ` · released ${report.released}` : ''} · {n(report.counts.pfsRows)} rows, {n(report.counts.codes)} codes, {n(report.counts.localities)} localities
        {report.cptDescriptors ? ' · CPT descriptors present' : ''}
      </p>
      <table class="rl-table">
        <thead>
          <tr>
            <th>File</th>
            <th>Role</th>
            <th class="rl-num">Read</th>
            <th class="rl-num">Accepted</th>
            <th>Rejected</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((f) => {
            const rej = Object.entries(f.rejected).filter(([, c]) => c > 0);
            return (
              <tr key={`${f.role}-${f.file}`}>
                <td>{f.file}</td>
                <td>{f.role}</td>
                <td class="rl-num">{n(f.rowsRead)}</td>
                <td class="rl-num">{n(f.accepted)}</td>
                <td>{rej.length ? rej.map(([why, c]) => `${n(c)} ${why}`).join(', ') : 'none'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.warnings.length > 0 && (
        <ul class="rl-warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {(report.notes.length > 0 || report.skipped.length > 0) && (
        <details class="rl-notes">
          <summary>
            {report.notes.length} note{report.notes.length === 1 ? '' : 's'}, {report.skipped.length} file{report.skipped.length === 1 ? '' : 's'} not used
          </summary>
          <ul>
            {report.notes.map((x) => (
              <li key={x}>{x}</li>
            ))}
            {report.skipped.map((s) => (
              <li key={s.name}>
                {s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="rl-row">
        <button type="button" class="rl-btn rl-btn-primary" onClick={onConfirm} disabled={busy} data-testid="import-confirm">
          Replace the loaded data with {report.releaseId}
        </button>
        <button type="button" class="rl-btn" onClick={onCancel} disabled={busy} data-testid="import-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}

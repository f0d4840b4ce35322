/** The per-site list where the scanner stays off: add and remove hostnames. Presentational. */
import { useState } from 'preact/hooks';

export interface SiteListProps {
  sites: string[];
  onAdd: (host: string) => void;
  onRemove: (host: string) => void;
  /** Turns "https://www.Example.org/x" into "example.org" (lib/settings normalizeSite). */
  normalize: (host: string) => string;
}

export function SiteList({ sites, onAdd, onRemove, normalize }: SiteListProps) {
  const [draft, setDraft] = useState('');
  const host = normalize(draft);
  const valid = /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$/.test(host);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!valid) return;
    onAdd(host);
    setDraft('');
  };
  return (
    <div class="rl-sites">
      <form class="rl-row" onSubmit={submit}>
        <input class="rl-input" placeholder="Site to turn off, e.g. example.org" aria-label="Site to add" value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="rl-btn" disabled={!valid}>
          Add
        </button>
      </form>
      {draft.trim() && valid && host !== draft.trim() && <p class="rl-muted">Will add “{host}” (also covers its subdomains).</p>}
      {sites.length === 0 ? (
        <p class="rl-muted">No site is turned off: codes are marked everywhere (while the global switch is on).</p>
      ) : (
        <ul class="rl-site-list" data-testid="site-list">
          {sites.map((s) => (
            <li key={s}>
              <span>{s}</span>
              <button type="button" class="rl-btn rl-btn-small" onClick={() => onRemove(s)} aria-label={`Remove ${s}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

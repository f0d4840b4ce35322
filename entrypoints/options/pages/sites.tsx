import { useEffect, useState } from 'preact/hooks';
import { SiteList } from '../../../components/site-list';
import { disabledSitesItem, normalizeSite } from '../../../lib/settings';

export function SitesPage() {
  const [sites, setSites] = useState<string[]>([]);
  useEffect(() => {
    void disabledSitesItem.getValue().then(setSites);
    return disabledSitesItem.watch(setSites);
  }, []);
  const save = (next: string[]) => void disabledSitesItem.setValue([...new Set(next)].sort());
  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">Sites</h2>
      <p class="rl-muted">Codes are not marked on these sites (nor on their subdomains).</p>
      <SiteList sites={sites} normalize={normalizeSite} onAdd={(h) => save([...sites, h])} onRemove={(h) => save(sites.filter((s) => s !== h))} />
    </section>
  );
}

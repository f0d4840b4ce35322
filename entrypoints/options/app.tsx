/**
 * The options page: hash-routed sections (#locality, #settings, #sites, #data). Wiring only; each
 * page reads and writes the typed settings items (lib/settings) and talks to the background
 * through lib/messaging.
 */
import { useEffect, useState } from 'preact/hooks';
import { DataPage } from './pages/data-import';
import { LocalityPage } from './pages/locality';
import { SettingsPage } from './pages/settings';
import { SitesPage } from './pages/sites';

const SECTIONS = [
  { id: 'locality', label: 'Locality' },
  { id: 'settings', label: 'Settings' },
  { id: 'sites', label: 'Sites' },
  { id: 'data', label: 'Data' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

const current = (): SectionId => {
  const h = location.hash.replace(/^#/, '');
  return SECTIONS.some((s) => s.id === h) ? (h as SectionId) : 'locality';
};

export function App() {
  const [section, setSection] = useState<SectionId>(current);
  const [dataVersion, setDataVersion] = useState(0);
  useEffect(() => {
    const on = () => setSection(current());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return (
    <div class="rl-options">
      <nav class="rl-nav" aria-label="Sections">
        <div class="rl-brand">
          <span class="rl-logo" aria-hidden="true">◎</span> RVU Lens
        </div>
        {SECTIONS.map((s) => (
          <a key={s.id} href={`#${s.id}`} class={s.id === section ? 'rl-nav-active' : ''} aria-current={s.id === section ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <main class="rl-page">
        {section === 'locality' && <LocalityPage dataVersion={dataVersion} />}
        {section === 'settings' && <SettingsPage />}
        {section === 'sites' && <SitesPage />}
        {section === 'data' && <DataPage onChanged={() => setDataVersion((v) => v + 1)} />}
      </main>
    </div>
  );
}

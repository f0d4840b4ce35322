/**
 * The popup: three views under one header.
 * - Search: one search box over the corpus the background prices at the user's settings, a
 *   keyboard-driven result list, and the shared code card as the detail view.
 * - This page (`#page`): the codes marked in the active tab, priced and summed (page-view.tsx).
 * - Tally (`#tally`): the procedure log (use-tally.ts, components/tally.tsx).
 * Wiring only: search logic is lib/search, figures come from the background (lib/messaging).
 * `popup.html?tab=<id>#page` reads tab <id> instead of the active tab (tests; see target-tab.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CodeCard } from '../../components/code-card';
import { TallyView } from '../../components/tally';
import { SearchBox } from '../../components/search-box';
import { SearchResults, rowDomId, rowLabel, type ResultRow } from '../../components/search-results';
import type { CodeCard as Card, SearchRow } from '../../lib/card';
import type { DatasetMeta } from '../../lib/db/schema';
import type { Locality } from '../../lib/dataset/types';
import { statusInfo } from '../../lib/fees/status';
import { sendMessage } from '../../lib/messaging';
import { CodeSearch } from '../../lib/search/search';
import { cfTrackItem, localityItem, settingItem, type CfTrack, type Setting } from '../../lib/settings';
import { PageView } from './page-view';
import { useTally } from './use-tally';

const LIST_ID = 'rl-results';
const LIMIT = 50;
const EXAMPLES = ['99213', '88305-26', 'total knee', 'EKG', 'colonscopy', 'CMP'];

type View = { kind: 'list' } | { kind: 'detail'; code: string; modifiers: string[] };
type Tab = 'search' | 'page' | 'tally';

const tabFromHash = (hash: string): Tab => (hash === '#page' ? 'page' : hash === '#tally' ? 'tally' : 'search');
const TAB_NAMES: Record<Tab, string> = { search: 'Search', page: 'This page', tally: 'Tally' };

export function App() {
  const [corpus, setCorpus] = useState<SearchRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [card, setCard] = useState<Card | { error: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [localityId, setLocalityId] = useState<string | null>(null);
  const [setting, setSetting] = useState<Setting>('nonFacility');
  const [track, setTrack] = useState<CfTrack>('nonQp');
  const [localities, setLocalities] = useState<Locality[]>([]);
  const [meta, setMeta] = useState<DatasetMeta | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [tab, setTab] = useState<Tab>(() => tabFromHash(location.hash));
  const tally = useTally(reloadKey);
  /** Labels ("99213-25") added to the tally from the search view during this popup session. */
  const [addedLabels, setAddedLabels] = useState<Set<string>>(new Set());
  const [tallyCopied, setTallyCopied] = useState(false);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const switchTab = useCallback((t: Tab) => {
    setTab(t);
    history.replaceState(null, '', `${location.pathname}${location.search}${t === 'search' ? '' : `#${t}`}`);
    if (t === 'search') setTimeout(() => inputRef.current?.focus(), 0);
  }, []);
  const addFromSearch = useCallback(
    (code: string, modifiers: string[], units = 1) => {
      const label = rowLabel({ code, modifiers });
      void tally.add([{ code, modifiers, units }]).then(() => setAddedLabels((s) => new Set([...s, label])));
    },
    [tally.add],
  );

  // Settings, live.
  useEffect(() => {
    void localityItem.getValue().then(setLocalityId);
    void settingItem.getValue().then(setSetting);
    void cfTrackItem.getValue().then(setTrack);
    const un = [
      localityItem.watch((v) => {
        setLocalityId(v);
        setReloadKey((k) => k + 1);
      }),
      settingItem.watch((v) => {
        setSetting(v);
        setReloadKey((k) => k + 1);
      }),
      cfTrackItem.watch((v) => {
        setTrack(v);
        setReloadKey((k) => k + 1);
      }),
    ];
    return () => un.forEach((u) => u());
  }, []);

  // The corpus (priced at the current settings), the dataset info and the locality names.
  useEffect(() => {
    let live = true;
    Promise.all([sendMessage('getSearchCorpus'), sendMessage('getDatasetInfo'), sendMessage('listLocalities')]).then(
      ([rows, info, locs]) => {
        if (!live) return;
        setCorpus(rows);
        setMeta(info);
        setLocalities(locs);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [reloadKey]);

  const searcher = useMemo(() => (corpus ? new CodeSearch(corpus) : null), [corpus]);
  useEffect(() => {
    if (!searcher) return;
    // Build the fuzzy index while the user is still reading, not on the first typo.
    const t = setTimeout(() => searcher.warm(), 300);
    return () => clearTimeout(t);
  }, [searcher]);

  const rows: ResultRow[] = useMemo(() => {
    if (!searcher) return [];
    return searcher.search(query, { limit: LIMIT }).map((h) => {
      const s = statusInfo(h.item.status);
      return { code: h.item.code, modifiers: h.modifiers, description: h.item.description, status: s.code, statusLabel: `${s.code} ${s.short}`, priced: s.priced, workRvu: h.item.workRvu, allowed: h.item.allowed };
    });
  }, [searcher, query]);

  useEffect(() => {
    document.getElementById(rowDomId(LIST_ID, selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // Detail card, refreshed when settings change.
  useEffect(() => {
    if (view.kind !== 'detail') return;
    let live = true;
    setCard(null);
    sendMessage('lookupCodes', { requests: [{ code: view.code, modifiers: view.modifiers }] }).then(
      ([c]) => live && setCard(c ? ('error' in c ? { error: c.error } : c) : { error: 'No answer' }),
      (e: unknown) => live && setCard({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [view, reloadKey]);

  const open = useCallback(
    (i: number) => {
      const r = rows[i];
      if (r) setView({ kind: 'detail', code: r.code, modifiers: r.modifiers });
    },
    [rows],
  );
  const back = useCallback(() => {
    setView({ kind: 'list' });
    setCard(null);
    setTimeout(() => inputRef.current?.focus(), 0);
  }, []);
  const copy = useCallback((label: string) => {
    void navigator.clipboard.writeText(label).then(
      () => {
        setCopied(label);
        setTimeout(() => setCopied((c) => (c === label ? null : c)), 1200);
      },
      () => setCopied(null),
    );
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (tab === 'search' && view.kind === 'detail' && (e.key === 'Escape' || e.key === 'Backspace') && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, back, tab]);

  // Selection goes back to the top in the same render as the new results (no stale Enter).
  const onQuery = (q: string) => {
    setQuery(q);
    setSelected(0);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((s) => Math.min(rows.length - 1, s + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max(0, s - 1));
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      const r = rows[selected];
      if (r) addFromSearch(r.code, r.modifiers);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Typed faster than the list re-rendered: open the first result of what is in the box now.
      const typed = (e.currentTarget as HTMLInputElement).value;
      if (typed !== query && searcher) {
        const h = searcher.search(typed, { limit: 1 })[0];
        onQuery(typed);
        if (h) setView({ kind: 'detail', code: h.item.code, modifiers: h.modifiers });
      } else open(selected);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      onQuery('');
    }
  };

  const locality = localities.find((l) => l.id === localityId);
  const localityText = localityId ? (locality ? `${locality.name}, ${locality.state}` : localityId) : 'National (no GPCI)';
  const settingText = setting === 'facility' ? 'Facility' : 'Non-facility';
  const openOptions = (hash = '') => {
    void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}${hash}` });
    window.close();
  };

  return (
    <div class="rl-popup">
      <header class="rl-top">
        <div class="rl-brand">
          <span class="rl-logo" aria-hidden="true">◎</span> RVU Lens
        </div>
        <button type="button" class="rl-context" title="Change locality and setting in Options" onClick={() => openOptions('#locality')} data-testid="context">
          <span class="rl-context-loc">{localityText}</span>
          <span class="rl-context-sep">·</span>
          <span>{settingText}</span>
          {track === 'qp' && <span class="rl-context-sep">· QP</span>}
        </button>
        <button type="button" class="rl-icon-btn" title="Options" aria-label="Options" onClick={() => openOptions()}>
          ⚙
        </button>
      </header>

      <nav class="rl-tabs" role="tablist" aria-label="Views">
        {(['search', 'page', 'tally'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            class={`rl-tab${tab === t ? ' rl-tab-on' : ''}`}
            data-testid={`tab-${t}`}
            onClick={() => switchTab(t)}
          >
            {TAB_NAMES[t]}
            {t === 'tally' && tally.report && tally.report.state.items.length > 0 && <span class="rl-tab-count" data-testid="tally-badge">{tally.report.state.items.length}</span>}
          </button>
        ))}
      </nav>

      {tab === 'page' ? (
        <main class="rl-main" data-testid="view-page">
          <div class="rl-scroll">
            <PageView pricedAt={`${localityText} · ${settingText}`} reloadKey={reloadKey} onAdd={tally.add} />
          </div>
        </main>
      ) : tab === 'tally' ? (
        <main class="rl-main" data-testid="view-tally">
          <div class="rl-scroll">
            {tally.report ? (
              <TallyView
                report={tally.report}
                releases={tally.releases}
                applyMpp={tally.applyMpp}
                onToggleMpp={tally.setApplyMpp}
                onAction={(a) => void tally.act(a)}
                onCopy={() =>
                  void navigator.clipboard.writeText(tally.report?.tsv ?? '').then(
                    () => {
                      setTallyCopied(true);
                      setTimeout(() => setTallyCopied(false), 1200);
                    },
                    () => setTallyCopied(false),
                  )
                }
                copied={tallyCopied}
                pricedAt={`${localityText} · ${settingText}`}
              />
            ) : tally.error ? (
              <p class="rl-empty rl-error">Could not load the tally: {tally.error}</p>
            ) : (
              <p class="rl-empty">Loading the tally…</p>
            )}
            {tally.report && tally.error && <p class="rl-empty rl-error">{tally.error}</p>}
          </div>
        </main>
      ) : view.kind === 'list' ? (
        <main class="rl-main">
          <SearchBox
            value={query}
            onInput={onQuery}
            onKeyDown={onKeyDown}
            inputRef={inputRef}
            placeholder="Code, modifier, words or abbreviation…"
            controls={rows.length ? LIST_ID : undefined}
            activeId={rows.length ? rowDomId(LIST_ID, selected) : undefined}
          />
          {rows.length > 0 && (
            <div class="rl-cols" aria-hidden="true">
              <span>Code</span>
              <span class="rl-cols-right">wRVU</span>
              <span class="rl-cols-amt">{settingText}</span>
            </div>
          )}
          <div class="rl-scroll">
            {loadError ? (
              <p class="rl-empty rl-error">Could not load the codes: {loadError}</p>
            ) : !corpus ? (
              <p class="rl-empty">Loading codes…</p>
            ) : rows.length ? (
              <SearchResults id={LIST_ID} rows={rows} selected={selected} onHover={setSelected} onOpen={open} onCopy={copy} copied={copied} />
            ) : query.trim() ? (
              <p class="rl-empty" data-testid="no-results">
                No code matches “{query.trim().length > 40 ? `${query.trim().slice(0, 40)}…` : query.trim()}”. Try a code (99213), a word from the description, or an abbreviation.
              </p>
            ) : (
              <div class="rl-empty">
                <p>Search {corpus.length.toLocaleString('en-US')} codes. For example:</p>
                <p class="rl-examples">
                  {EXAMPLES.map((x) => (
                    <button type="button" key={x} class="rl-chip" onClick={() => onQuery(x)}>
                      {x}
                    </button>
                  ))}
                </p>
                <p class="rl-hint">↑ ↓ to move · Enter for details · Esc to go back</p>
              </div>
            )}
          </div>
          {rows[selected] && (
            <div class="rl-selbar">
              <span class="rl-hint">Ctrl+Enter adds {rowLabel(rows[selected]!)} to the tally</span>
              <button
                type="button"
                class="rl-btn rl-btn-small"
                data-testid="search-add"
                onClick={() => addFromSearch(rows[selected]!.code, rows[selected]!.modifiers)}
              >
                {addedLabels.has(rowLabel(rows[selected]!)) ? 'Added ✓' : '+ Tally'}
              </button>
            </div>
          )}
        </main>
      ) : (
        <main class="rl-main rl-detail" data-testid="detail">
          <button type="button" class="rl-back" onClick={back}>
            ← Back <span class="rl-hint">(Esc)</span>
          </button>
          <div class="rl-scroll">
            {!card ? (
              <p class="rl-empty">Loading…</p>
            ) : 'error' in card ? (
              <p class="rl-empty rl-error">{card.error}</p>
            ) : (
              <CodeCard
                card={card}
                onCopy={copy}
                copied={copied === rowLabel({ code: card.code, modifiers: card.modifiers })}
                onAddToTally={() => addFromSearch(card.code, card.modifiers, card.units)}
                added={addedLabels.has(rowLabel({ code: card.code, modifiers: card.modifiers }))}
              />
            )}
          </div>
        </main>
      )}

      <footer class="rl-bottom">
        <span>{meta ? `${meta.release.id}${meta.origin === 'imported' ? ' (imported)' : ''} · ${meta.counts.codes.toLocaleString('en-US')} codes` : ''}</span>
        <span>Works offline</span>
      </footer>
    </div>
  );
}

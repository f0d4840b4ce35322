/**
 * Locality search for the options page: by locality name, state (name or abbreviation), fee
 * schedule area, or county as written in the CMS locality-county file ("Kings", "Westchester"
 * find NYC SUBURBS/LONG ISLAND; "Ohio" the statewide locality). Pure; importable from anywhere.
 */
import type { Locality } from '../dataset/types';
import { tokenize } from './text';

export interface LocalityGroup {
  state: string;
  stateName: string;
  localities: Locality[];
}

/** County names of a locality ("BRONX, KINGS, … SUFFOLK AND WESTCHESTER" → ["bronx", "kings", …]). */
export function countyNames(l: Locality): string[] {
  return l.counties
    .toLowerCase()
    .split(/\s*(?:,|;|\/|\band\b)\s*/)
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Display name: "MANHATTAN, NY". */
export function localityLabel(l: Locality): string {
  return `${l.name}, ${l.state}`;
}

/**
 * Localities matching every word of `query`, best first: whole-name or whole-county matches, then
 * state matches, then word-prefix matches. An empty query returns [].
 */
export function searchLocalities(localities: readonly Locality[], query: string): Locality[] {
  const q = tokenize(query.slice(0, 80)).join(' ');
  if (!q) return [];
  const tokens = q.split(' ');
  const scored: { l: Locality; score: number }[] = [];
  for (const l of localities) {
    const name = tokenize(l.name).join(' ');
    const area = tokenize(l.feeScheduleArea).join(' ');
    const stateName = tokenize(l.stateName).join(' ');
    const counties = countyNames(l).map((c) => tokenize(c).join(' '));
    const words = new Set([...tokenize(`${l.name} ${l.feeScheduleArea} ${l.stateName} ${l.state} ${l.counties} ${l.id}`)]);
    const everyWord = tokens.every((t) => [...words].some((w) => w.startsWith(t)));
    if (!everyWord && l.id !== query.trim()) continue;
    let score = 1;
    if (name === q || area === q) score += 6;
    else if (name.startsWith(q)) score += 4;
    if (counties.includes(q)) score += 5;
    else if (counties.some((c) => c.startsWith(q))) score += 3;
    if (stateName === q || l.state.toLowerCase() === q) score += 3 + (/statewide|all counties/i.test(`${l.feeScheduleArea} ${l.counties}`) ? 1 : 0);
    scored.push({ l, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.l.stateName.localeCompare(b.l.stateName) || a.l.name.localeCompare(b.l.name))
    .map((s) => s.l);
}

/** Localities grouped by state (state name order), each group by name. */
export function groupByState(localities: readonly Locality[]): LocalityGroup[] {
  const groups = new Map<string, LocalityGroup>();
  for (const l of localities) {
    const key = l.state;
    let g = groups.get(key);
    if (!g) {
      g = { state: l.state, stateName: l.stateName || l.state, localities: [] };
      groups.set(key, g);
    }
    if (!g.stateName && l.stateName) g.stateName = l.stateName;
    g.localities.push(l);
  }
  const out = [...groups.values()].sort((a, b) => a.stateName.localeCompare(b.stateName));
  for (const g of out) g.localities.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

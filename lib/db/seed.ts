/**
 * Version-gated seeding of the bundled release. `ensureSeeded` costs one IndexedDB read when the
 * store already holds this extension version's data (every service-worker wake); it loads the
 * bundled dataset only on first install, on an extension update, after a schema change, or when a
 * previous seed was interrupted. A release the user imported survives updates unless the bundled
 * release is newer.
 */
import { DATASET_SCHEMA_VERSION, type Dataset } from '../dataset/types';
import { getMeta, releaseRank, replaceRelease } from './release';

export { releaseRank };
import type { DatasetMeta, RvuLensDB } from './schema';

export interface SeedDeps {
  /** The extension's version (manifest). */
  version: string;
  /** Load and decode the bundled dataset (fetch of `/dataset.json` in the extension). */
  loadBundled: () => Promise<Dataset>;
  log?: (msg: string) => void;
}

export function needsSeed(meta: DatasetMeta | undefined, version: string): 'missing' | 'schema' | 'version' | null {
  if (!meta) return 'missing';
  if (meta.schemaVersion !== DATASET_SCHEMA_VERSION) return 'schema';
  if (meta.seededBy !== version) return 'version';
  return null;
}

/** Make sure the store holds usable data; resolves to the active release's meta. */
export async function ensureSeeded(db: RvuLensDB, deps: SeedDeps): Promise<DatasetMeta> {
  const meta = await getMeta(db);
  const why = needsSeed(meta, deps.version);
  if (!why) return meta as DatasetMeta;
  const bundled = await deps.loadBundled();
  if (why === 'version' && meta?.origin === 'imported' && releaseRank(meta.release.id) >= releaseRank(bundled.release.id)) {
    // Keep the user's newer (or same) imported release; just record that this version has checked.
    const kept = { ...meta, seededBy: deps.version };
    await db.meta.put(kept);
    deps.log?.(`kept imported release ${meta.release.id} (bundled ${bundled.release.id})`);
    return kept;
  }
  const t0 = Date.now();
  const next = await replaceRelease(db, bundled, { origin: 'bundled', seededBy: deps.version });
  deps.log?.(`seeded ${next.release.id}: ${next.counts.pfs} rows, ${next.counts.localities} localities in ${Date.now() - t0} ms (${why})`);
  return next;
}

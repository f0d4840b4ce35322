/** `ensureSeeded`: version-gated, keeps a newer imported release across updates, reseeds on schema change. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getMeta, replaceRelease } from '../../../../lib/db/release';
import { RvuLensDB } from '../../../../lib/db/schema';
import { ensureSeeded, needsSeed, releaseRank } from '../../../../lib/db/seed';
import { DATASET_SCHEMA_VERSION } from '../../../../lib/dataset/types';
import { makeDataset } from './dataset-factory';

const dbs: RvuLensDB[] = [];
const freshDb = () => {
  const db = new RvuLensDB('test-' + Math.random());
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const bundled = (id = 'RVU26A') => makeDataset(id, ['99213', '99214', '93000']);

describe('ensureSeeded', () => {
  it('seeds on first run and does no load on the second call with the same version', async () => {
    const db = freshDb();
    const loadBundled = vi.fn(async () => bundled());
    const first = await ensureSeeded(db, { version: '0.1.0', loadBundled });
    expect(first.release.id).toBe('RVU26A');
    expect(first.origin).toBe('bundled');
    expect(await db.codes.count()).toBe(3);
    const second = await ensureSeeded(db, { version: '0.1.0', loadBundled });
    expect(loadBundled).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
  });

  it('an extension update reloads the bundled release', async () => {
    const db = freshDb();
    await ensureSeeded(db, { version: '0.1.0', loadBundled: async () => bundled('RVU26A') });
    const loadBundled = vi.fn(async () => bundled('RVU26B'));
    const meta = await ensureSeeded(db, { version: '0.2.0', loadBundled });
    expect(loadBundled).toHaveBeenCalledTimes(1);
    expect(meta.release.id).toBe('RVU26B');
    expect(meta.seededBy).toBe('0.2.0');
  });

  it('an imported newer release survives an extension update (rows untouched)', async () => {
    const db = freshDb();
    await ensureSeeded(db, { version: '0.1.0', loadBundled: async () => bundled('RVU26A') });
    await replaceRelease(db, makeDataset('RVU26C', ['27447', '36415']), { origin: 'imported', seededBy: '0.1.0' });
    const codesBefore = await db.codes.orderBy('key').toArray();
    const log = vi.fn();
    const meta = await ensureSeeded(db, { version: '0.2.0', loadBundled: async () => bundled('RVU26B'), log });
    expect(meta.release.id).toBe('RVU26C');
    expect(meta.origin).toBe('imported');
    expect(meta.seededBy).toBe('0.2.0');
    expect(await db.codes.orderBy('key').toArray()).toEqual(codesBefore);
    expect(log.mock.calls[0]?.[0]).toMatch(/kept imported release RVU26C/);
    // and the next wake does nothing
    const again = vi.fn(async () => bundled('RVU26B'));
    await ensureSeeded(db, { version: '0.2.0', loadBundled: again });
    expect(again).not.toHaveBeenCalled();
  });

  it('an imported OLDER release is replaced by a newer bundled one on update', async () => {
    const db = freshDb();
    await ensureSeeded(db, { version: '0.1.0', loadBundled: async () => bundled('RVU26A') });
    await replaceRelease(db, makeDataset('RVU25D', ['27447']), { origin: 'imported', seededBy: '0.1.0' });
    const meta = await ensureSeeded(db, { version: '0.2.0', loadBundled: async () => bundled('RVU26B') });
    expect(meta.release.id).toBe('RVU26B');
    expect(meta.origin).toBe('bundled');
    expect((await db.codes.toArray()).map((c) => c.code).sort()).toEqual(['93000', '99213', '99214']);
  });

  it('a schema change reseeds even with the same extension version and an imported release', async () => {
    const db = freshDb();
    await replaceRelease(db, makeDataset('RVU26D', ['27447'], { schemaVersion: DATASET_SCHEMA_VERSION - 1 }), { origin: 'imported', seededBy: '0.1.0' });
    expect(needsSeed(await getMeta(db), '0.1.0')).toBe('schema');
    const loadBundled = vi.fn(async () => bundled('RVU26A'));
    const meta = await ensureSeeded(db, { version: '0.1.0', loadBundled });
    expect(loadBundled).toHaveBeenCalledTimes(1);
    expect(meta.schemaVersion).toBe(DATASET_SCHEMA_VERSION);
    expect(meta.release.id).toBe('RVU26A');
  });

  it('a failed bundled load leaves the existing data intact and a later call retries', async () => {
    const db = freshDb();
    await ensureSeeded(db, { version: '0.1.0', loadBundled: async () => bundled('RVU26A') });
    const before = await db.codes.orderBy('key').toArray();
    await expect(ensureSeeded(db, { version: '0.2.0', loadBundled: async () => { throw new Error('fetch failed'); } })).rejects.toThrow('fetch failed');
    expect((await getMeta(db))?.seededBy).toBe('0.1.0');
    expect(await db.codes.orderBy('key').toArray()).toEqual(before);
    const meta = await ensureSeeded(db, { version: '0.2.0', loadBundled: async () => bundled('RVU26B') });
    expect(meta.release.id).toBe('RVU26B');
  });

  it('orders release ids', () => {
    expect(releaseRank('RVU26C')).toBeGreaterThan(releaseRank('RVU26AR'));
    expect(releaseRank('RVU26AR')).toBeGreaterThan(releaseRank('RVU26A'));
    expect(releaseRank('RVU26A')).toBeGreaterThan(releaseRank('RVU25D'));
    expect(releaseRank('garbage')).toBe(-1);
  });
});

/** `replaceRelease` is atomic: a failure at any step leaves the previous release exactly as it was. */
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, replaceRelease } from '../../../../lib/db/release';
import { RvuLensDB } from '../../../../lib/db/schema';
import type { Dataset } from '../../../../lib/dataset/types';
import { locality, makeDataset, pfsRow } from './dataset-factory';

const dbs: RvuLensDB[] = [];
const freshDb = () => {
  const db = new RvuLensDB('test-' + Math.random());
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function snapshot(db: RvuLensDB) {
  return {
    meta: await getMeta(db),
    codes: await db.codes.orderBy('key').toArray(),
    localities: await db.localities.orderBy('id').toArray(),
    oppsCap: await db.oppsCap.orderBy('key').toArray(),
  };
}

async function seeded() {
  const db = freshDb();
  const meta = await replaceRelease(db, makeDataset('RVU26A', ['99213', '99214', '93000', 'G0438']), { origin: 'bundled', seededBy: '0.1.0' });
  return { db, meta, before: await snapshot(db) };
}

describe('replaceRelease', () => {
  it('writes every table and the meta record', async () => {
    const { meta, before } = await seeded();
    expect(meta.release.id).toBe('RVU26A');
    expect(before.codes.map((c) => c.key)).toEqual(['93000|', '99213|', '99214|', 'G0438|']);
    expect(before.localities).toHaveLength(2);
    expect(before.oppsCap).toHaveLength(1);
    expect(before.meta?.counts).toEqual({ pfs: 4, codes: 4, localities: 2, oppsCap: 1, hcpcs: 0, clfs: 0, dmepos: 0 });
  });

  const failures: Array<[string, (ds: Dataset) => void]> = [
    ['a duplicate code key in the first bulkAdd', (ds) => ds.pfs.push(pfsRow('99215'))],
    ['a duplicate key after the first 2,000-row chunk', (ds) => {
      for (let i = 0; i < 2500; i++) ds.pfs.push(pfsRow(`${10000 + i}`));
      ds.pfs.push(pfsRow('10001'));
    }],
    ['a duplicate locality (after every code was written)', (ds) => ds.localities.push(locality('13202-01', 'AGAIN'))],
    ['a locality without a key', (ds) => ds.localities.push({ ...locality('13202-99'), id: undefined as unknown as '1-2' })],
  ];

  it.each(failures)('%s: the import fails and the previous release is intact', async (_name, spoil) => {
    const { db, before } = await seeded();
    const next = makeDataset('RVU26B', ['99215', '27447', '36415']);
    spoil(next);
    await expect(replaceRelease(db, next, { origin: 'imported', seededBy: '0.1.0' })).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('an error thrown by a progress callback mid-write also rolls back', async () => {
    const { db, before } = await seeded();
    const next = makeDataset('RVU26B', Array.from({ length: 4500 }, (_, i) => `${20000 + i}`));
    let calls = 0;
    const onProgress = () => {
      if (++calls === 2) throw new Error('boom in the middle');
    };
    await expect(replaceRelease(db, next, { origin: 'imported', seededBy: '0.1.0', onProgress })).rejects.toThrow('boom');
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses an empty release before touching the store', async () => {
    const { db, before } = await seeded();
    await expect(replaceRelease(db, makeDataset('RVU26B', []), { origin: 'imported', seededBy: '0.1.0' })).rejects.toThrow(/no fee schedule rows/);
    await expect(replaceRelease(db, makeDataset('RVU26B', ['99213'], { localities: [] }), { origin: 'imported', seededBy: '0.1.0' })).rejects.toThrow(/no localities/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a successful replacement leaves nothing of the old release', async () => {
    const { db } = await seeded();
    await replaceRelease(db, makeDataset('RVU26B', ['27447']), { origin: 'imported', seededBy: '0.1.0' });
    const after = await snapshot(db);
    expect(after.codes.map((c) => c.code)).toEqual(['27447']);
    expect(after.meta?.release.id).toBe('RVU26B');
    expect(after.meta?.origin).toBe('imported');
  });
});

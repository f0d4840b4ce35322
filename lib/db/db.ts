/** The background's database singleton. Only `entrypoints/background/**` and `lib/db/**` import it. */
import { RvuLensDB } from './schema';

export const db = new RvuLensDB();

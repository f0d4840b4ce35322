/**
 * Fuse.js configuration of the popup search: the fuzzy fallback after exact/prefix code matches and
 * word matches. Codes never reach Fuse (exact and prefix code matches short-circuit before it), so
 * its keys are the texts only: descriptor > extra text (HCPCS long descriptions). Each key costs a
 * full Bitap scan of every row, so fewer keys = faster. Pure.
 */
import type { IFuseOptions } from 'fuse.js';
import type { SearchDoc } from './search';

/** Bitap handles patterns up to 32 characters; longer queries are cut before Fuse sees them. */
export const FUSE_MAX_PATTERN = 32;

export const FUSE_KEYS = [
  { name: 'description', weight: 2 },
  { name: 'extraText', weight: 1 },
] as const;

export const FUSE_OPTIONS: IFuseOptions<SearchDoc> = {
  keys: FUSE_KEYS.map((k) => ({ ...k })),
  // 0.34: one or two typos in a descriptor word still match; unrelated strings do not.
  threshold: 0.34,
  // Descriptors are short, but the matching word can be anywhere in them.
  ignoreLocation: true,
  // Field-length norm favours short (generic) descriptors: wanted here.
  ignoreFieldNorm: false,
  minMatchCharLength: 3,
  includeScore: true,
  shouldSort: true,
};

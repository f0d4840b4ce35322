/**
 * Validation of every incoming message (background-only): anything from a content script is
 * untrusted. Codes and modifiers must match the code grammar, arrays are capped, unknown fields are
 * dropped, and mutating messages are accepted only from the extension's own pages.
 */
import { z } from 'zod';
import type { MessageType } from '../messaging';

export const MAX_BATCH = 500;
/** An encoded release is a few MB; refuse anything absurd before parsing it. */
export const MAX_DATASET_CHARS = 64 * 1024 * 1024;

const code = z.string().regex(/^[0-9A-Za-z]{5}$/).transform((s) => s.toUpperCase());
const modifier = z.string().regex(/^[0-9A-Za-z]{2}$/).transform((s) => s.toUpperCase());

const codeRequest = z.object({
  code,
  modifiers: z.array(modifier).max(4).optional(),
  units: z.number().int().min(1).max(999).optional(),
});

const tallyItem = z.object({
  id: z.string().min(1).max(64),
  code,
  modifiers: z.array(modifier).max(4),
  units: z.number().int().min(1).max(999),
  addedAt: z.string().max(40),
  note: z.string().max(500).optional(),
  encounter: z.string().max(60).optional(),
});

const tallyAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add'), item: tallyItem }),
  z.object({ type: z.literal('addMany'), items: z.array(tallyItem).max(MAX_BATCH) }),
  z.object({ type: z.literal('remove'), id: z.string().max(64) }),
  z.object({ type: z.literal('updateNote'), id: z.string().max(64), note: z.string().max(500) }),
  z.object({
    type: z.literal('update'),
    id: z.string().max(64),
    patch: z.object({ note: z.string().max(500).optional(), units: z.number().int().min(1).max(999).optional(), modifiers: z.array(modifier).max(4).optional(), encounter: z.string().max(60).optional(), code: code.optional() }),
  }),
  z.object({ type: z.literal('setRelease'), release: z.string().max(20).nullable() }),
  z.object({ type: z.literal('clear') }),
  z.object({ type: z.literal('undo') }),
  z.object({ type: z.literal('load'), items: z.array(tallyItem).max(5000), release: z.string().max(20).nullable().optional() }),
]);

const schemas = {
  lookupCodes: z.object({ requests: z.array(codeRequest).max(MAX_BATCH) }),
  codeSet: z.undefined(),
  tallyAdd: z.object({ items: z.array(codeRequest).min(1).max(50) }),
  getTally: z.object({ releaseId: z.string().max(20).nullable().optional(), applyMpp: z.boolean().optional() }),
  tallyAction: z.object({ action: tallyAction, applyMpp: z.boolean().optional() }),
  listReleases: z.undefined(),
  getDatasetInfo: z.undefined(),
  listLocalities: z.undefined(),
  getSearchCorpus: z.undefined(),
  importRelease: z.object({ datasetText: z.string().min(2).max(MAX_DATASET_CHARS) }),
  resetToBundled: z.undefined(),
} satisfies Record<MessageType, z.ZodType>;

/** Messages only extension pages (popup, options) may send. Everything else is open to content scripts. */
const EXTENSION_PAGES_ONLY = new Set<MessageType>(['importRelease', 'resetToBundled', 'getSearchCorpus', 'listLocalities', 'getDatasetInfo', 'getTally', 'tallyAction', 'listReleases']);

export function isMessageType(t: string): t is MessageType {
  return Object.hasOwn(schemas, t);
}

export type Validated =
  | { ok: true; type: MessageType; data: unknown }
  | { ok: false; error: string };

/**
 * Check one message. `fromExtensionPage` is true when the sender's URL is on the extension's
 * own origin (never true for a content script, whose sender URL is the page's).
 */
export function validateMessage(type: string, data: unknown, fromExtensionPage: boolean): Validated {
  if (!isMessageType(type)) return { ok: false, error: `Unknown message "${type.slice(0, 40)}"` };
  if (EXTENSION_PAGES_ONLY.has(type) && !fromExtensionPage) return { ok: false, error: `"${type}" is only accepted from extension pages` };
  const parsed = schemas[type].safeParse(data);
  if (!parsed.success) return { ok: false, error: `Invalid ${type}: ${parsed.error.issues[0]?.message ?? 'bad payload'}` };
  return { ok: true, type, data: parsed.data };
}

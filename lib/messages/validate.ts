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

const schemas = {
  lookupCodes: z.object({
    requests: z
      .array(
        z.object({
          code,
          modifiers: z.array(modifier).max(4).optional(),
          units: z.number().int().min(1).max(999).optional(),
        }),
      )
      .max(MAX_BATCH),
  }),
  getDatasetInfo: z.undefined(),
  listLocalities: z.undefined(),
  getSearchCorpus: z.undefined(),
  importRelease: z.object({ datasetText: z.string().min(2).max(MAX_DATASET_CHARS) }),
  resetToBundled: z.undefined(),
} satisfies Record<MessageType, z.ZodType>;

/** Messages only extension pages (popup, options) may send. Everything else is open to content scripts. */
const EXTENSION_PAGES_ONLY = new Set<MessageType>(['importRelease', 'resetToBundled', 'getSearchCorpus', 'listLocalities', 'getDatasetInfo']);

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

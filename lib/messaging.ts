/**
 * The one list of messages between contexts, and a tiny typed transport over
 * `browser.runtime.sendMessage` (a listener returns a Promise: works in Chrome, Firefox and WXT's
 * fakeBrowser alike). Payload validation lives in `lib/messages/validate.ts`, background-only, so the
 * content script does not carry a schema library. Importable from every context.
 */
import { browser } from 'wxt/browser';
import type { DatasetMeta } from './db/schema';
import type { Locality } from './dataset/types';
import type { CodeCard, CodeRequest, SearchRow } from './card';
import type { TallyAction, TallyState } from './tally/reducer';
import type { TallyTotals } from './tally/totals';
import type { MppResult } from './tally/multiple';

/** A release the store keeps: the active one and archived earlier ones (year over year, tally year). */
export interface ReleaseSummary {
  id: string;
  year: number;
  label: string;
  active: boolean;
}

/** The tally priced with one release at the user's locality and setting. */
export interface TallyReport {
  state: TallyState;
  releaseId: string;
  totals: TallyTotals;
  /** Per encounter, when the multiple-procedure rule was asked for; null otherwise. */
  mpp: MppResult[] | null;
  csv: string;
  tsv: string;
}

export interface ProtocolMap {
  // content script → background
  /** Batch lookup: one card (or an error) per request, same order. At most 500 requests. */
  lookupCodes(data: { requests: CodeRequest[] }): Array<CodeCard | { code: string; error: string }>;

  /**
   * Every code the loaded schedules know (PFS, HCPCS, CLFS, DMEPOS: exactly the codes `lookupCodes`
   * answers with a card) as an encoded bit set (lib/codes/code-set). Asked once per page: the
   * scanner then confirms candidates without a message, and the page's codes stay in the tab.
   */
  codeSet(): string;

  /** Add items to the tally (from the page popover: the user clicked "Add to tally"). */
  tallyAdd(data: { items: CodeRequest[] }): TallyReport;

  // popup / options → background (extension pages only)
  /** The tally priced with `releaseId` (default: the tally's chosen release, else the active one). */
  getTally(data: { releaseId?: string | null; applyMpp?: boolean }): TallyReport;
  /** Change the tally (add, remove, note, encounter, clear, undo, choose release). */
  tallyAction(data: { action: TallyAction; applyMpp?: boolean }): TallyReport;
  listReleases(): ReleaseSummary[];
  getDatasetInfo(): DatasetMeta | null;
  listLocalities(): Locality[];
  getSearchCorpus(): SearchRow[];
  /** Swap in a release the options page parsed (encoded with `encodeDataset`). */
  importRelease(data: { datasetText: string }): DatasetMeta;
  /** Go back to the release bundled with the extension. */
  resetToBundled(): DatasetMeta;
}

export type MessageType = keyof ProtocolMap;
export type MessageData<K extends MessageType> = Parameters<ProtocolMap[K]> extends [infer D] ? D : undefined;
export type MessageReturn<K extends MessageType> = ReturnType<ProtocolMap[K]>;

export interface Envelope {
  /** Namespaces our messages so that other traffic is ignored. */
  rvuLens: 1;
  type: string;
  data?: unknown;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && (m as Envelope).rvuLens === 1 && typeof (m as Envelope).type === 'string';
}

/** Send a message to the background and unwrap its reply; a handler's error becomes a rejected Promise. */
export async function sendMessage<K extends MessageType>(
  type: K,
  ...args: MessageData<K> extends undefined ? [] : [MessageData<K>]
): Promise<MessageReturn<K>> {
  const envelope: Envelope = { rvuLens: 1, type, data: args[0] };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<MessageReturn<K>> | undefined;
  if (!reply) throw new Error(`No answer to ${type}: the extension may be reloading.`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

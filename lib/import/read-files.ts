/**
 * Options-page import, step 1: what the user picked (a CMS RVU zip as published, or loose CSV
 * files) → named texts. Zips are opened with fflate; only `.csv` entries are inflated. Text is
 * UTF-8; a file that is not valid UTF-8 but is plain text is read as Windows-1252 (what CMS tools
 * write, and what the Node pipeline does); UTF-16 or binary content is refused as "wrong encoding".
 * Pure (no DOM, no fs); importable from extension pages, tests and Node.
 */
import { unzipSync } from 'fflate';

/** One picked file: its name and raw bytes. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** A CSV ready for detection and parsing. */
export interface TextFile {
  name: string;
  text: string;
  bytes: number;
  sha256: string;
  /** e.g. "read as Windows-1252 (not valid UTF-8)". */
  notes: string[];
}

/** A picked file (or zip entry) that is not used, and why (plain language). */
export interface SkippedFile {
  name: string;
  reason: string;
}

/** A problem that stops the import before anything is parsed. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const isZip = (f: InputFile): boolean => /\.zip$/i.test(f.name) || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && f.bytes[2] === 0x03 && f.bytes[3] === 0x04);
const isCsv = (name: string): boolean => /\.csv$/i.test(name);
const baseName = (name: string): string => name.replace(/^.*[\\/]/, '');

/**
 * Decode one CSV's bytes. Throws `ImportError` ("wrong encoding") for UTF-16 or binary content.
 * @returns the text and notes about how it was read.
 */
export function decodeCsvBytes(name: string, bytes: Uint8Array): { text: string; notes: string[] } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new ImportError(`${name}: wrong encoding (UTF-16). Save it as CSV UTF-8 or use the file exactly as CMS publishes it.`);
  }
  const sample = bytes.subarray(0, 65536);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) throw new ImportError(`${name}: wrong encoding (binary content, not a text CSV). Is it a spreadsheet saved with a .csv name?`);
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (controls > sample.length / 100) throw new ImportError(`${name}: wrong encoding (binary content, not a text CSV).`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), notes: [] };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), notes: ['not valid UTF-8: read as Windows-1252'] };
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Expand zips and decode every CSV. Non-CSV files (PDF, xlsx, txt) are listed as skipped.
 * @throws ImportError when nothing was picked, a zip is corrupt, or a CSV has the wrong encoding.
 */
export async function readInputFiles(files: readonly InputFile[]): Promise<{ texts: TextFile[]; skipped: SkippedFile[] }> {
  if (files.length === 0) throw new ImportError('No file was chosen.');
  const texts: TextFile[] = [];
  const skipped: SkippedFile[] = [];
  const addCsv = async (name: string, bytes: Uint8Array): Promise<void> => {
    if (bytes.length === 0) throw new ImportError(`${baseName(name)}: the file is empty.`);
    const { text, notes } = decodeCsvBytes(baseName(name), bytes);
    texts.push({ name: baseName(name), text, bytes: bytes.length, sha256: await sha256Hex(bytes), notes });
  };
  for (const f of files) {
    if (isZip(f)) {
      let entries: Record<string, Uint8Array>;
      const others: string[] = [];
      try {
        entries = unzipSync(f.bytes, {
          filter: (e) => {
            if (isCsv(e.name)) return true;
            if (!e.name.endsWith('/')) others.push(e.name);
            return false;
          },
        });
      } catch (e) {
        throw new ImportError(`${f.name}: not a readable zip file (${e instanceof Error ? e.message : String(e)}).`);
      }
      for (const o of others) skipped.push({ name: `${f.name} › ${baseName(o)}`, reason: 'not a CSV file' });
      const names = Object.keys(entries).sort();
      if (names.length === 0) throw new ImportError(`${f.name}: the zip holds no CSV file. Download the RVU zip from CMS's PFS "Relative Value Files" page.`);
      for (const n of names) await addCsv(n, entries[n]!);
    } else if (isCsv(f.name)) {
      await addCsv(f.name, f.bytes);
    } else {
      skipped.push({ name: f.name, reason: 'not a CSV or zip file' });
    }
  }
  if (texts.length === 0) throw new ImportError('None of the chosen files is a CSV or a zip of CSVs.');
  return { texts, skipped };
}

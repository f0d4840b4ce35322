/** Test helper: read a hand-written CMS fixture from tests/fixtures/cms. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/cms/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}`, 'utf8');
}

/** `{ name, text }` as buildDataset takes it. */
export function fixtureSource(name: string): { name: string; text: string } {
  return { name, text: fixture(name) };
}

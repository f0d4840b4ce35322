/** Page summary and the shared CSV/TSV writers (issue 6). Pure. */
export * from './csv';
export * from './page';

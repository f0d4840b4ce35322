/** The tally (procedure log, issue 6): state, sums, the multiple-procedure rule, export. Pure. */
export * from './types';
export * from './reducer';
export * from './totals';
export * from './pricing';
export * from './multiple';
export * from './export';

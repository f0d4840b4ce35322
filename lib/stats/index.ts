/** Section statistics, PC/TC related codes and year-over-year change (issue 6). Pure. */
export * from './sections';
export * from './compute';
export * from './related';
export * from './yoy';

// Public surface of the fee math: base pricing, modifier adjustments, priceCode, parsing, money.
// Pure (no fs, no DOM, no storage); the background, the popover and the lookup CLI import from here.

export * from './money';
export * from './status';
export * from './price';
export * from './modifiers';
export * from './price-code';
export * from './parse-request';

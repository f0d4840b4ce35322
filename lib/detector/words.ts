/** A set of the whitespace-separated words of `list` (long word lists stay compact in the content script). */
export function words(list: string): Set<string> {
  return new Set(list.trim().split(/\s+/));
}

/** The popover's host element name (tiny on purpose: the content script imports it eagerly). */
export const POPOVER_TAG = 'rvu-lens-popover';

/** What the page session needs of the popover, which is loaded lazily on first use. */
export interface PopoverView {
  readonly isOpen: boolean;
  readonly pointerInside: boolean;
  show(content: { card?: import('../card').CodeCard; message?: string }, anchor: () => DOMRect): void;
  hide(): void;
}

export interface PopoverHooks {
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  onCopy?: (text: string) => void;
  /**
   * Shows an "Add to tally" button on the card; called with the shown card (code, modifiers, units)
   * when the user clicks it. The page session sends `tallyAdd`. Return a Promise to have the button
   * say "Added ✓" only once it resolved (a rejection leaves the button as it was).
   */
  onAddToTally?: (card: import('../card').CodeCard) => void | Promise<unknown>;
}

/** The lazily loaded popover module (Preact, Floating UI, the code card): entrypoints/popover-ui.ts. */
export interface PopoverUi {
  create(doc: Document, hooks: PopoverHooks): PopoverView;
}

/** The lazily loaded controller module (hover, keyboard, viewport registration): entrypoints/page-ui.ts. */
export interface PageUi {
  createPageController: typeof import('../detector/page-controller').createPageController;
  ViewportRegistrar: typeof import('../detector/viewport').ViewportRegistrar;
}

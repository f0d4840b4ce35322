/**
 * The page popover: a Preact `CodeCard` inside an OPEN shadow root on a host element named
 * `rvu-lens-popover`, so no page CSS reaches it. The host is attached to <html> only while the
 * popover is shown and removed when it closes: the page's <body> never changes. Positioned with
 * Floating UI so it stays on screen. Content-script only.
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { CodeCard } from '../../components/code-card';
import cardCss from '../../components/code-card.css?inline';
import themeCss from '../../components/theme.css?inline';
import type { CodeCard as Card } from '../card';
import { POPOVER_TAG, type PopoverHooks, type PopoverUi, type PopoverView } from './popover-tag';

export { POPOVER_TAG };

const HOST_CSS = `
:host { all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647; display: block; }
.rl-pop { background: var(--rl-bg); color: var(--rl-fg); border: 1px solid var(--rl-border); border-radius: 10px; box-shadow: var(--rl-shadow); padding: 10px 12px; max-height: 70vh; overflow: auto; }
.rl-msg { font: 13px/1.4 system-ui, sans-serif; color: var(--rl-muted); }
`;

export interface PopoverContent {
  card?: Card;
  message?: string;
}

export class PopoverHost implements PopoverView {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly mount: HTMLDivElement;
  private anchor: (() => DOMRect) | null = null;
  private copiedFor: string | null = null;
  /** The card (code-modifiers × units) last added to the tally from this popover. */
  private addedFor: string | null = null;
  private content: PopoverContent = {};
  pointerInside = false;

  constructor(
    private readonly doc: Document,
    private readonly hooks: PopoverHooks = {},
  ) {
    this.host = doc.createElement(POPOVER_TAG);
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = themeCss + cardCss + HOST_CSS;
    this.mount = doc.createElement('div');
    this.mount.className = 'rl-pop';
    this.mount.setAttribute('role', 'dialog');
    this.mount.setAttribute('aria-label', 'RVU Lens');
    this.shadow.append(style, this.mount);
    // Keep our events to ourselves: the page's handlers never see clicks or keys inside the popover.
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'dblclick', 'contextmenu', 'wheel']) {
      this.mount.addEventListener(type, (e) => e.stopPropagation());
    }
    this.host.addEventListener('pointerenter', () => {
      this.pointerInside = true;
      this.hooks.onPointerEnter?.();
    });
    this.host.addEventListener('pointerleave', () => {
      this.pointerInside = false;
      this.hooks.onPointerLeave?.();
    });
  }

  get isOpen(): boolean {
    return this.host.isConnected;
  }

  contains(node: Node | null): boolean {
    return !!node && (node === this.host || this.host.contains(node));
  }

  show(content: PopoverContent, anchor: () => DOMRect): void {
    this.content = content;
    this.anchor = anchor;
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.draw();
  }

  hide(): void {
    render(null, this.mount);
    this.host.remove();
    this.anchor = null;
    this.copiedFor = null;
    this.addedFor = null;
    this.pointerInside = false;
  }

  private draw(): void {
    const { card, message } = this.content;
    const onAdd = this.hooks.onAddToTally;
    const addKey = card ? cardKey(card) : null;
    render(
      card ? (
        <CodeCard
          card={card}
          added={this.addedFor === addKey}
          onAddToTally={
            onAdd
              ? () => {
                  const shown = card;
                  void Promise.resolve()
                    .then(() => onAdd(shown))
                    .then(
                      () => {
                        this.addedFor = cardKey(shown);
                        if (this.content.card === shown) this.draw();
                      },
                      () => undefined,
                    );
                }
              : undefined
          }
          copied={this.copiedFor === card.code}
          onCopy={(text) => {
            this.hooks.onCopy?.(text);
            this.copiedFor = card.code;
            this.draw();
          }}
        />
      ) : (
        <div class="rl-msg">{message ?? ''}</div>
      ),
      this.mount,
    );
    void this.position();
  }

  private async position(): Promise<void> {
    const anchor = this.anchor;
    if (!anchor) return;
    const reference = { getBoundingClientRect: anchor };
    const { x, y } = await computePosition(reference, this.host, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply: ({ availableHeight }) => {
            this.mount.style.maxHeight = `${Math.max(160, Math.floor(availableHeight))}px`;
          },
        }),
      ],
    });
    this.host.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }
}

const cardKey = (card: Card): string => `${[card.code, ...card.modifiers].join('-')}x${card.units}`;

/** The module the content script loads when it first opens a card (see entrypoints/popover-ui.ts). */
export const popoverUi: PopoverUi = {
  create: (doc, hooks) => new PopoverHost(doc, hooks),
};

/**
 * One figure of a totals row (page summary, tally): a label, the value (with its raw number in
 * `data-value` for tests and copy), and optional notes underneath.
 */
import type { ComponentChildren } from 'preact';

export function TotalTile(props: { label: string; value: ComponentChildren; testid: string; dataValue?: string; children?: ComponentChildren }) {
  return (
    <div class="rl-ps-total">
      <span class="rl-ps-total-label">{props.label}</span>
      <span class="rl-ps-total-value" data-testid={props.testid} data-value={props.dataValue}>
        {props.value}
      </span>
      {props.children}
    </div>
  );
}

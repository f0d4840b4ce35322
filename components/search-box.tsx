/** The popup's search input (presentational). */
import type { Ref } from 'preact';

export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  onKeyDown?: (e: KeyboardEvent) => void;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
  /** id of the listbox the arrows move through (for screen readers). */
  controls?: string;
  activeId?: string;
}

export function SearchBox({ value, onInput, onKeyDown, inputRef, placeholder, controls, activeId }: SearchBoxProps) {
  return (
    <div class="rl-searchbox">
      <svg class="rl-searchbox-icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        class="rl-searchbox-input"
        value={value}
        placeholder={placeholder}
        autoFocus
        spellcheck={false}
        autoComplete="off"
        maxLength={200}
        aria-expanded={!!controls}
        aria-controls={controls}
        aria-activedescendant={activeId}
        aria-label="Search codes"
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

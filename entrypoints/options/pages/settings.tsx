import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { cfTrackItem, dmeposRuralItem, scannerEnabledItem, settingItem, strictnessItem, type CfTrack, type Setting, type Strictness } from '../../../lib/settings';

/** One storage item as Preact state, kept in sync both ways. */
function useItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): [T | null, (v: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch((v) => setValue(v));
  }, [item]);
  return [value, (v: T) => void item.setValue(v)];
}

function Choice<T extends string>({ name, value, options, onChange }: { name: string; value: T | null; options: readonly { value: T; label: string; hint: string }[]; onChange: (v: T) => void }) {
  return (
    <div class="rl-choices" role="radiogroup">
      {options.map((o) => (
        <label key={o.value} class={`rl-choice${value === o.value ? ' rl-choice-on' : ''}`}>
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>
            <strong>{o.label}</strong>
            <span class="rl-muted">{o.hint}</span>
          </span>
        </label>
      ))}
    </div>
  );
}

export function SettingsPage() {
  const [setting, setSetting] = useItem<Setting>(settingItem);
  const [track, setTrack] = useItem<CfTrack>(cfTrackItem);
  const [strictness, setStrictness] = useItem<Strictness>(strictnessItem);
  const [enabled, setEnabled] = useItem<boolean>(scannerEnabledItem);
  const [rural, setRural] = useItem<boolean>(dmeposRuralItem);
  return (
    <section aria-labelledby="set-h">
      <h2 id="set-h">Settings</h2>
      <h3>Default setting</h3>
      <Choice
        name="setting"
        value={setting}
        onChange={setSetting}
        options={[
          { value: 'nonFacility', label: 'Non-facility', hint: 'office and other non-facility places of service' },
          { value: 'facility', label: 'Facility', hint: 'hospital, ASC, SNF…' },
        ]}
      />
      <h3>Conversion factor</h3>
      <Choice
        name="cf"
        value={track}
        onChange={setTrack}
        options={[
          { value: 'nonQp', label: 'Non-qualifying APM participant', hint: 'the default for most clinicians' },
          { value: 'qp', label: 'Qualifying APM participant (QP)', hint: 'the higher 2026+ conversion factor' },
        ]}
      />
      <label class="rl-switch">
        <input type="checkbox" checked={rural ?? false} onChange={(e) => setRural((e.currentTarget as HTMLInputElement).checked)} />
        <span>DMEPOS amounts: use the state's rural fee column</span>
      </label>
      <h3>Marking codes on pages</h3>
      <label class="rl-switch">
        <input type="checkbox" checked={enabled ?? true} onChange={(e) => setEnabled((e.currentTarget as HTMLInputElement).checked)} data-testid="scanner-enabled" />
        <span>Mark CPT/HCPCS codes on web pages</span>
      </label>
      <Choice
        name="strictness"
        value={strictness}
        onChange={setStrictness}
        options={[
          { value: 'strict', label: 'Strict', hint: 'only codes with clear context (a CPT label, a modifier, a fee table)' },
          { value: 'balanced', label: 'Balanced', hint: 'codes in context; bare 5-digit numbers only where codes are likely' },
          { value: 'everything', label: 'Everything', hint: 'every known code, ZIP codes may be marked too' },
        ]}
      />
    </section>
  );
}

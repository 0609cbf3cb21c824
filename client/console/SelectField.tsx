import { useId } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

interface Props {
  label: ComponentChildren;
  value: string;
  options: ReadonlyArray<readonly [value: string, text: string]>;
  onChange: (value: string) => void;
  name?: string;
}

/** A labelled select (label bound by id, so its accessible name is the label alone, not every option). */
export function SelectField({ label, value, options, onChange, name }: Props) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

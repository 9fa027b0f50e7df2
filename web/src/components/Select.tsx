import type { ReactNode } from 'react';
import { ErrorMessage, Hint, cx, describedBy } from './fieldParts.js';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps {
  id: string;
  label: ReactNode;
  options: readonly SelectOption[];
  value: string;
  onChange: (value: string) => void;
  /** Text of the first, empty option (nothing chosen). */
  emptyOption?: string;
  hint?: ReactNode;
  error?: string;
  disabled?: boolean;
}

export function Select({ id, label, options, value, onChange, emptyOption, hint, error, disabled }: SelectProps) {
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <select
        className={cx('nhsuk-select', error && 'nhsuk-select--error')}
        id={id}
        name={id}
        value={value}
        disabled={disabled}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

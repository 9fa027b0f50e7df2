import type { HTMLAttributes, ReactNode } from 'react';
import { ErrorMessage, Hint, cx, describedBy } from './fieldParts.js';

export interface TextInputProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'search';
  /** nhsuk-input--width-N (2, 3, 4, 5, 10, 20, 30) */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  spellCheck?: boolean;
  labelSize?: 's' | 'm' | 'l';
  multiline?: boolean;
  rows?: number;
}

/** NHS.UK text input (or textarea when `multiline`), with hint and inline error wired to aria-describedby. */
export function TextInput({ id, label, value, onChange, hint, error, type = 'text', width, autoComplete, inputMode, spellCheck, labelSize, multiline, rows = 5 }: TextInputProps) {
  const ariaDescribedBy = describedBy(id, hint, error);
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      <label className={cx('nhsuk-label', labelSize && `nhsuk-label--${labelSize}`)} htmlFor={id}>
        {label}
      </label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      {multiline ? (
        <textarea
          className={cx('nhsuk-textarea', error && 'nhsuk-textarea--error')}
          id={id}
          name={id}
          rows={rows}
          value={value}
          aria-describedby={ariaDescribedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          className={cx('nhsuk-input', width && `nhsuk-input--width-${width}`, error && 'nhsuk-input--error')}
          id={id}
          name={id}
          type={type}
          value={value}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={spellCheck}
          aria-describedby={ariaDescribedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}

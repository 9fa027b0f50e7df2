import type { ReactNode } from 'react';
import { ErrorMessage, Hint, Legend, cx, describedBy, type LegendSize } from './fieldParts.js';

export interface CheckboxProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Optional question above the box (renders a fieldset). */
  legend?: ReactNode;
  legendSize?: LegendSize;
  hint?: ReactNode;
  error?: string;
}

/** A single NHS.UK checkbox ("This is a different child"), with its error on the form group. */
export function Checkbox({ id, label, checked, onChange, legend, legendSize = 's', hint, error }: CheckboxProps) {
  const box = (
    <>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={legend ? undefined : describedBy(id, hint, error)}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
        </div>
      </div>
    </>
  );
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      {legend ? (
        <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
          <Legend size={legendSize}>{legend}</Legend>
          {box}
        </fieldset>
      ) : (
        box
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { componentContent } from '../app/app.content.js';
import type { FormValues } from '../lib/forms.js';
import { ErrorMessage, Hint, Legend, cx, describedBy, type LegendSize } from './fieldParts.js';

export interface DateInputProps {
  /** Field id: the day input carries it (so `#id` in the error summary focuses the first box). */
  id: string;
  legend: ReactNode;
  values: FormValues;
  onChange: (key: string, value: string) => void;
  hint?: ReactNode;
  error?: string;
  legendSize?: LegendSize;
}

/** NHS.UK date input: day, month and year boxes, combined by the form into YYYY-MM-DD. */
export function DateInput({ id, legend, values, onChange, hint, error, legendSize = 's' }: DateInputProps) {
  const parts = [
    { part: 'day', inputId: id, width: 2, label: componentContent.date.day },
    { part: 'month', inputId: `${id}-month`, width: 2, label: componentContent.date.month },
    { part: 'year', inputId: `${id}-year`, width: 4, label: componentContent.date.year },
  ] as const;
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <Legend size={legendSize}>{legend}</Legend>
        <Hint id={id}>{hint}</Hint>
        <ErrorMessage id={id} error={error} />
        <div className="nhsuk-date-input" id={`${id}-parts`}>
          {parts.map(({ part, inputId, width, label }) => (
            <div className="nhsuk-date-input__item" key={part}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={inputId}>
                  {label}
                </label>
                <input
                  className={cx('nhsuk-input nhsuk-date-input__input', `nhsuk-input--width-${width}`, error && 'nhsuk-input--error')}
                  id={inputId}
                  name={`${id}-${part}`}
                  type="text"
                  inputMode="numeric"
                  value={values[`${id}-${part}`] ?? ''}
                  onChange={(event) => onChange(`${id}-${part}`, event.target.value)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

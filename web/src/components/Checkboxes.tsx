import type { ReactNode } from 'react';
import { ErrorMessage, Hint, Legend, cx, describedBy, type LegendSize } from './fieldParts.js';

export interface CheckboxItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export interface CheckboxesProps {
  /** Field id: the first box carries it, the others `${id}-2`, `${id}-3`… (as Radios). */
  id: string;
  legend: ReactNode;
  items: readonly CheckboxItem[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  hint?: ReactNode;
  error?: string;
  legendSize?: LegendSize;
  small?: boolean;
}

/** NHS.UK checkboxes: a question with several boxes; the answer is the list of values checked. */
export function Checkboxes({ id, legend, items, values, onChange, hint, error, legendSize = 's', small }: CheckboxesProps) {
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <Legend size={legendSize}>{legend}</Legend>
        <Hint id={id}>{hint}</Hint>
        <ErrorMessage id={id} error={error} />
        <div className={cx('nhsuk-checkboxes', small && 'nhsuk-checkboxes--small')}>
          {items.map((item, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            const checked = values.includes(item.value);
            return (
              <div className="nhsuk-checkboxes__item" key={item.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={itemId}
                  name={id}
                  type="checkbox"
                  value={item.value}
                  checked={checked}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                  onChange={(event) => onChange(event.target.checked ? [...values.filter((v) => v !== item.value), item.value] : values.filter((v) => v !== item.value))}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={itemId}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${itemId}-item-hint`}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

import { Fragment, type ReactNode } from 'react';
import { ErrorMessage, Hint, Legend, cx, describedBy, type LegendSize } from './fieldParts.js';

export interface RadioItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the item when it is selected (NHS.UK conditional reveal). */
  conditional?: ReactNode;
}

export interface RadiosProps {
  /** Field id: the first radio carries it, the others `${id}-2`, `${id}-3`… (NHS.UK convention). */
  id: string;
  legend: ReactNode;
  items: readonly RadioItem[];
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  inline?: boolean;
  small?: boolean;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
}

export function Radios({ id, legend, items, value, onChange, hint, error, inline, small, legendSize = 's', isPageHeading }: RadiosProps) {
  return (
    <div className={cx('nhsuk-form-group', error && 'nhsuk-form-group--error')}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <Legend size={isPageHeading ? 'l' : legendSize} isPageHeading={isPageHeading}>
          {legend}
        </Legend>
        <Hint id={id}>{hint}</Hint>
        <ErrorMessage id={id} error={error} />
        <div className={cx('nhsuk-radios', inline && 'nhsuk-radios--inline', small && 'nhsuk-radios--small')}>
          {items.map((item, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            const checked = value === item.value;
            const conditionalId = `conditional-${itemId}`;
            return (
              <Fragment key={item.value}>
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id={itemId}
                    name={id}
                    type="radio"
                    value={item.value}
                    checked={checked}
                    aria-controls={item.conditional ? conditionalId : undefined}
                    aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                    onChange={() => onChange(item.value)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={itemId}>
                    {item.label}
                  </label>
                  {item.hint ? (
                    <div className="nhsuk-hint nhsuk-radios__hint" id={`${itemId}-item-hint`}>
                      {item.hint}
                    </div>
                  ) : null}
                </div>
                {item.conditional ? (
                  <div className={cx('nhsuk-radios__conditional', !checked && 'nhsuk-radios__conditional--hidden')} id={conditionalId}>
                    {item.conditional}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}


import type { ReactNode } from 'react';
import { cx } from './fieldParts.js';

export interface TableProps {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  /** Hide the caption visually (a heading already names the table). */
  captionHidden?: boolean;
  head: readonly ReactNode[];
  rows: readonly { key: string; cells: readonly ReactNode[] }[];
  /** The first cell of each row is its header (`<th scope="row">`). */
  firstCellIsHeader?: boolean;
  /** Extra class per column, e.g. numeric. */
  columnClasses?: readonly (string | undefined)[];
}

export function Table({ caption, captionSize = 'm', captionHidden, head, rows, firstCellIsHeader, columnClasses = [] }: TableProps) {
  return (
    <div className="nhsuk-table-container">
      <table className="nhsuk-table">
        <caption className={cx('nhsuk-table__caption', `nhsuk-table__caption--${captionSize}`, captionHidden && 'nhsuk-u-visually-hidden')}>{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {head.map((cell, index) => (
              <th className={cx('nhsuk-table__header', columnClasses[index] && `nhsuk-table__header--${columnClasses[index]}`)} scope="col" key={index}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.key}>
              {row.cells.map((cell, index) =>
                firstCellIsHeader && index === 0 ? (
                  <th className="nhsuk-table__header" scope="row" key={index}>
                    {cell}
                  </th>
                ) : (
                  <td className={cx('nhsuk-table__cell', columnClasses[index] && `nhsuk-table__cell--${columnClasses[index]}`)} key={index}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { englandAndWalesBankHolidays } from '../../../domain/calendar/bank-holidays.js';

let cached: ReadonlySet<string> | undefined;
/** England and Wales bank holidays from the versioned calendar data, 2010–2035. */
export function bankHolidays(): ReadonlySet<string> {
  cached ??= englandAndWalesBankHolidays({ fromYear: 2010, toYear: 2035 });
  return cached;
}

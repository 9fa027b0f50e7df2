/** Display formats (en-GB, as NHS.UK): "4 March 2021", "4 March 2021 at 14:05". Dates are calendar dates (UTC). */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
const londonDate = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = ISO_DATE.exec(iso.slice(0, 10));
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** Today's calendar date in England, `YYYY-MM-DD`. */
export function todayIso(): string {
  return londonDate.format(new Date());
}

/** NHS number as 3-3-4 ("943 476 5919"); leaves anything that is not 10 digits as it was. */
export function formatNhsNumber(value: string | null | undefined): string {
  if (!value) return '';
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : value;
}

/** Whether an episode or alert is current on a date (not ended before it). */
export function isCurrent(endedOn: string | null, today: string): boolean {
  return endedOn === null || endedOn >= today;
}

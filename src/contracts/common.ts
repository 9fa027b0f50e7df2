import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/iso-date.js';
import { validateNhsNumber, normaliseNhsNumber } from '../domain/identity/nhs-number.js';

export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine((value) => isIsoDate(value), `${capitalise(label)} must be a real date in the format YYYY-MM-DD`)
    // Outside these years a date is a typing error, and PostgreSQL (no year 0) or the statutory-clock
    // arithmetic (years beyond 9999) would fail on it with a 500 (found by the robustness property tests).
    .refine((value) => !isIsoDate(value) || (value >= EARLIEST_DATE && value <= LATEST_DATE), `${capitalise(label)} must be between 1900 and 2100`);

/** The dates CLASP accepts from users: nothing it records is before 1900 or after 2100. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

export const pastOrTodayIsoDate = (label: string, today: () => string) =>
  isoDate(label).refine((value) => value <= today(), `${capitalise(label)} must be today or in the past`);

export const nhsNumber = z
  .string({ error: 'Enter the NHS number' })
  .transform((value) => normaliseNhsNumber(value))
  .superRefine((value, ctx) => {
    const result = validateNhsNumber(value);
    if (!result.valid) {
      ctx.addIssue({
        code: 'custom',
        message:
          result.reason === 'format'
            ? 'NHS number must be 10 digits'
            : result.reason === 'placeholder'
              ? 'NHS number is a placeholder, not a real NHS number'
              : 'NHS number is not valid: check the digits',
      });
    }
  });

export const uuid = z.string().uuid('Must be a valid identifier');

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

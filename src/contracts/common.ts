import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/iso-date.js';
import { validateNhsNumber, normaliseNhsNumber } from '../domain/identity/nhs-number.js';

export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine((value) => isIsoDate(value), `${capitalise(label)} must be a real date in the format YYYY-MM-DD`);

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

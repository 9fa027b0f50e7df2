import { z } from 'zod';
import {
  BREAK_GLASS_DEFAULT_MINUTES,
  BREAK_GLASS_MAX_MINUTES,
  BREAK_GLASS_MIN_MINUTES,
  BREAK_GLASS_REASON_CODES,
  BREAK_GLASS_REASON_TEXT_MAX,
  BREAK_GLASS_REASON_TEXT_MIN,
  BREAK_GLASS_REVIEW_OUTCOMES,
} from '../domain/access/break-glass.js';
import { nhsNumber, uuid } from './common.js';

/** Step-up re-authentication (#5): the password, re-entered. */
export const stepUpBody = z.object({ password: z.string().min(1, 'Enter your password').max(1000, 'Password must be 1000 characters or fewer') });
export const stepUpResponse = z.object({ steppedUpAt: z.string(), freshUntil: z.string() });

/** A request for break-glass emergency access to one child (#5). */
export const breakGlassBody = z.object({
  reasonCode: z.enum(BREAK_GLASS_REASON_CODES, 'Select a reason for emergency access'),
  reasonText: z
    .string('Describe why you need emergency access')
    .trim()
    .min(BREAK_GLASS_REASON_TEXT_MIN, `Describe why you need emergency access in at least ${BREAK_GLASS_REASON_TEXT_MIN} characters`)
    .max(BREAK_GLASS_REASON_TEXT_MAX, `Reason must be ${BREAK_GLASS_REASON_TEXT_MAX} characters or fewer`),
  minutes: z
    .number('Enter how long you need access for, in minutes')
    .int('Enter a whole number of minutes')
    .min(BREAK_GLASS_MIN_MINUTES, `Access must last at least ${BREAK_GLASS_MIN_MINUTES} minutes`)
    .max(BREAK_GLASS_MAX_MINUTES, `Access can last at most ${BREAK_GLASS_MAX_MINUTES / 60} hours`)
    .default(BREAK_GLASS_DEFAULT_MINUTES),
});
export type BreakGlassBody = z.infer<typeof breakGlassBody>;
/**
 * The same request by NHS number, for a role whose search never shows a child outside its scope (a health
 * visitor, a GP): the child is identified only after the step-up, and the request is audited and notified alike.
 */
export const breakGlassByNhsNumberBody = breakGlassBody.extend({ nhsNumber });

export const breakGlassGrant = z.object({ id: z.string(), childId: z.string(), reasonCode: z.string(), grantedAt: z.string(), expiresAt: z.string() });
export const breakGlassGrantResponse = z.object({ grant: breakGlassGrant });
export const activeBreakGlassResponse = z.object({ grant: breakGlassGrant.nullable() });

export const grantParams = z.object({ grantId: uuid });
export const reviewBody = z
  .object({
    outcome: z.enum(BREAK_GLASS_REVIEW_OUTCOMES, 'Select justified or escalated'),
    note: z.string().trim().max(2000, 'Note must be 2000 characters or fewer').optional(),
  })
  .refine((b) => b.outcome !== 'escalated' || (b.note ?? '').length > 0, { path: ['note'], message: 'Enter why this use is escalated' });

export const reviewQueueQuery = z.object({ status: z.enum(['open', 'all']).default('open') });

export const reviewQueueItem = z.object({
  id: z.string(),
  child: z.object({ id: z.string(), name: z.string(), nhsNumber: z.string().nullable() }),
  user: z.object({ id: z.string(), name: z.string(), username: z.string() }),
  role: z.string(),
  roleLabel: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  reasonCode: z.string(),
  reasonLabel: z.string(),
  reasonText: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['active', 'awaiting_review', 'justified', 'escalated']),
  review: z.object({ reviewedAt: z.string(), reviewedBy: z.string(), outcome: z.string(), note: z.string().nullable() }).nullable(),
  accessed: z.array(z.object({ occurredAt: z.string(), action: z.string(), outcome: z.string() })),
});
export const reviewQueueResponse = z.object({ items: z.array(reviewQueueItem) });
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;

export const notificationsResponse = z.object({
  unread: z.number(),
  items: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string(), childId: z.string().nullable(), refId: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() })),
});
export const notificationParams = z.object({ notificationId: uuid });

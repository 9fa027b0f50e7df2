import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError, isInputError } from '../api/client.js';

/** Form state: every control's value as a string (checkboxes 'true' / ''), keyed by field id. */
export type FormValues = Record<string, string>;

export interface ErrorItem {
  /** The field id the summary links to (`#fieldId`); absent for an error about the whole form. */
  fieldId?: string;
  text: string;
}

export interface FormErrors {
  /** First message per field id, shown inline. */
  fields: Record<string, string>;
  /** Summary items in page order. */
  items: ErrorItem[];
}

export const NO_ERRORS: FormErrors = { fields: {}, items: [] };

export function hasErrors(errors: FormErrors): boolean {
  return errors.items.length > 0;
}

/** Build the errors from field messages (ordered as the fields appear) and form-level messages. */
export function buildErrors(fieldMessages: Record<string, readonly string[] | string | undefined>, fieldOrder: readonly string[], formMessages: readonly string[] = []): FormErrors {
  const fields: Record<string, string> = {};
  const items: ErrorItem[] = [];
  const known = new Set(fieldOrder);
  const keys = [...fieldOrder.filter((id) => fieldMessages[id] !== undefined), ...Object.keys(fieldMessages).filter((id) => !known.has(id))];
  const extra: string[] = [];
  for (const key of keys) {
    const raw = fieldMessages[key];
    const message = typeof raw === 'string' ? raw : raw?.[0];
    if (!message) continue;
    if (known.has(key)) {
      fields[key] = message;
      items.push({ fieldId: key, text: message });
    } else {
      extra.push(message);
    }
  }
  for (const message of [...formMessages, ...extra]) items.push({ text: message });
  return { fields, items };
}

/** Zod issues → errors keyed by dotted path (the same keys the server uses in `fieldErrors`). */
export function errorsFromZod(error: z.ZodError, fieldOrder: readonly string[], extraFieldMessages: Record<string, string> = {}): FormErrors {
  const fieldMessages: Record<string, string[]> = {};
  const formMessages: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!key) formMessages.push(issue.message);
    else (fieldMessages[key] ??= []).push(issue.message);
  }
  for (const [key, message] of Object.entries(extraFieldMessages)) fieldMessages[key] = [message];
  return buildErrors(fieldMessages, fieldOrder, formMessages);
}

/** The server's error body → form errors. Field errors on unknown fields are listed without a link. */
export function errorsFromApi(error: ApiError, fieldOrder: readonly string[], fallbackMessage?: string): FormErrors {
  const errors = buildErrors(error.fieldErrors, fieldOrder, error.formErrors);
  if (errors.items.length === 0) errors.items.push({ text: fallbackMessage ?? error.message });
  return errors;
}

export function textValue(values: FormValues, id: string): string | undefined {
  const value = (values[id] ?? '').trim();
  return value === '' ? undefined : value;
}

export function booleanValue(values: FormValues, id: string): boolean {
  return values[id] === 'true';
}

export interface DateMessages {
  /** Some but not all of day, month and year. */
  incomplete: string;
  /** All given, but not a real date. */
  invalid: string;
}

export type DateParseResult = { kind: 'empty' } | { kind: 'date'; value: string } | { kind: 'incomplete' } | { kind: 'invalid' };

/** Combine the values `id-day`, `id-month`, `id-year` into YYYY-MM-DD. */
export function parseDateParts(values: FormValues, id: string): DateParseResult {
  const day = (values[`${id}-day`] ?? '').trim();
  const month = (values[`${id}-month`] ?? '').trim();
  const year = (values[`${id}-year`] ?? '').trim();
  if (!day && !month && !year) return { kind: 'empty' };
  if (!day || !month || !year) return { kind: 'incomplete' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { kind: 'invalid' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { kind: 'invalid' };
  return { kind: 'date', value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}

/**
 * Date values for a body plus any errors the parts alone show (before the schema runs). A date that is
 * incomplete or not real is passed on as a placeholder the schema rejects, and its message is replaced
 * by the page's own (the schema's message speaks of YYYY-MM-DD, which the user never typed).
 */
export function collectDates(values: FormValues, messages: Record<string, DateMessages>): { dates: Record<string, string | undefined>; errors: Record<string, string> } {
  const dates: Record<string, string | undefined> = {};
  const errors: Record<string, string> = {};
  for (const [id, message] of Object.entries(messages)) {
    const result = parseDateParts(values, id);
    if (result.kind === 'date') dates[id] = result.value;
    else if (result.kind === 'incomplete') {
      errors[id] = message.incomplete;
      dates[id] = 'not-a-date';
    } else if (result.kind === 'invalid') {
      errors[id] = message.invalid;
      dates[id] = 'not-a-date';
    }
  }
  return { dates, errors };
}

/** Parse a candidate body with the shared schema; the page's own field messages win over the schema's. */
export function validate<S extends z.ZodType>(
  schema: S,
  candidate: unknown,
  fieldOrder: readonly string[],
  extraFieldMessages: Record<string, string> = {},
): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors } {
  const parsed = schema.safeParse(candidate);
  if (parsed.success && Object.keys(extraFieldMessages).length === 0) return { ok: true, data: parsed.data };
  if (parsed.success) return { ok: false, errors: buildErrors(extraFieldMessages, fieldOrder) };
  return { ok: false, errors: errorsFromZod(parsed.error, fieldOrder, extraFieldMessages) };
}

/** Split an ISO date into the parts a DateInput shows. */
export function datePartsOf(id: string, iso: string | null | undefined): FormValues {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match ? { [`${id}-day`]: String(Number(match[3])), [`${id}-month`]: String(Number(match[2])), [`${id}-year`]: match[1]! } : {};
}

/**
 * Form state that survives a failed submission: values are only ever changed by the user, so after a
 * 400 the form still shows exactly what was typed. `attempt` changes on every shown error, so the
 * error summary takes focus again even when the messages are the same.
 */
export function useForm(initial: FormValues = {}) {
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrorsState] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  const setValue = useCallback((id: string, value: string) => setValues((current) => ({ ...current, [id]: value })), []);
  const setErrors = useCallback((next: FormErrors) => {
    setErrorsState(next);
    if (hasErrors(next)) setAttempt((n) => n + 1);
  }, []);
  const clearErrors = useCallback(() => setErrorsState(NO_ERRORS), []);

  return { values, setValues, setValue, errors, setErrors, clearErrors, attempt, submitting, setSubmitting };
}
export type Form = ReturnType<typeof useForm>;

/**
 * The submit every form page shares: validate with the shared schema (the page's own field messages
 * first); if valid, send it; if the server refuses, show its errors. The values are never touched, so the
 * form keeps what was typed. Resolves true when sent, so the page can move on.
 */
export async function submitForm<S extends z.ZodType>({
  form,
  schema,
  candidate,
  fieldOrder,
  extraFieldMessages = {},
  send,
  failedMessage,
}: {
  form: Pick<Form, 'setErrors' | 'setSubmitting'>;
  schema: S;
  candidate: unknown;
  fieldOrder: readonly string[];
  extraFieldMessages?: Record<string, string>;
  send: (data: z.output<S>) => Promise<unknown>;
  failedMessage: string;
}): Promise<boolean> {
  const result = validate(schema, candidate, fieldOrder, extraFieldMessages);
  if (!result.ok) {
    form.setErrors(result.errors);
    return false;
  }
  form.setSubmitting(true);
  try {
    await send(result.data);
    return true;
  } catch (error) {
    form.setErrors(isInputError(error) ? errorsFromApi(error, fieldOrder) : buildErrors({}, fieldOrder, [failedMessage]));
    return false;
  } finally {
    form.setSubmitting(false);
  }
}

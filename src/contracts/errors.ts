import { z } from 'zod';

/** The one error body used everywhere: HTTP API, web forms and CLI --json. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    formErrors: z.array(z.string()).optional(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Turn a zod error into the error body's field errors, keyed by dotted field path (form field ids). */
export function toFieldErrors(error: z.ZodError): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!key) {
      formErrors.push(issue.message);
      continue;
    }
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { formErrors, fieldErrors };
}

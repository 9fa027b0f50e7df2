/** Exit codes: 0 ok, 2 bad input, 1 failure. */
export const EXIT = { ok: 0, badInput: 2, failure: 1 } as const;

export class CliInputError extends Error {
  constructor(message: string, readonly fieldErrors?: Record<string, string[]>) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The same error body as the API, for --json. */
export function errorJson({ code, message, fieldErrors }: { code: string; message: string; fieldErrors?: Record<string, string[]> | undefined }) {
  return { error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}

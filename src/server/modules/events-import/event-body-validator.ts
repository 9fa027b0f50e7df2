import { recordEventBody, type RecordEventInput } from '../../../contracts/events.js';
import type { FeedValidator } from '../../../domain/events-import/parse-feed.js';

/** Feed rows are checked by the API's own body schema, so a feed and an API call obey the same rules. */
export const validateEventBody: FeedValidator<RecordEventInput> = (body) => {
  const result = recordEventBody.safeParse(body);
  if (result.success) return { ok: true, value: result.data as RecordEventInput };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path,
      message: issue.message,
      code: issue.code,
      ...('values' in issue && Array.isArray(issue.values) ? { values: issue.values as unknown[] } : {}),
    })),
  };
};

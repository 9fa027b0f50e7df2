import { z } from 'zod';

/** Configuration from the environment, validated once at start-up and passed down (no globals). */
export const configSchema = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  CLASP_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CLASP_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  CLASP_LOG: z.enum(['true', 'false']).default('true'),
  /**
   * How the audit row of a READ commits (docs/adr/0006-read-audit-commit.md). `sync` (default): flushed to disk
   * before the page is shown, like every write. `async`: PostgreSQL's asynchronous commit for read transactions
   * only — a database-server crash can lose the last fraction of a second of read-audit rows; writes (and their
   * audit rows) are always synchronous. A decision for the clinical safety officer, not a tuning knob.
   */
  CLASP_READ_AUDIT_COMMIT: z.enum(['sync', 'async']).default('sync'),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return configSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
}

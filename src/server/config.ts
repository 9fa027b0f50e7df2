import { z } from 'zod';

/** Configuration from the environment, validated once at start-up and passed down (no globals). */
export const configSchema = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  CLASP_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CLASP_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  CLASP_LOG: z.enum(['true', 'false']).default('true'),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return configSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
}

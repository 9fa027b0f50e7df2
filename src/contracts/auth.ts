import { z } from 'zod';
import { ROLE_IDS } from '../domain/access/roles.js';

export const signInBody = z.object({
  username: z.string({ error: 'Enter your username' }).trim().min(1, 'Enter your username').max(100),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
});

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  permissions: z.record(z.string(), z.array(z.string())),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionResponse = z.object({ user: sessionUser, csrfToken: z.string() });

export const metaResponse = z.object({
  name: z.string(),
  version: z.string(),
  demo: z.boolean(),
  demoAccounts: z.array(z.object({ username: z.string(), roleLabel: z.string(), organisation: z.string() })),
  demoPassword: z.string().nullable(),
});

/** Password policy (NCSC: length over complexity; at least 12 characters, not a known demo/common word). */
export const newPassword = z
  .string()
  .min(12, 'Password must be at least 12 characters')
  .max(200, 'Password must be 200 characters or fewer')
  .refine((v) => !/^(.)\1+$/.test(v), 'Password must not be one repeated character');

export const createUserBody = z.object({
  username: z.string().trim().min(3, 'Username must be at least 3 characters').max(100).regex(/^[a-z0-9._-]+$/, 'Username may only contain lower-case letters, digits, dots, hyphens and underscores'),
  displayName: z.string().trim().min(1, 'Enter the name').max(200),
  role: z.enum(ROLE_IDS as [string, ...string[]], { error: 'Select a role' }),
  organisationCode: z.string().trim().min(1, 'Enter the organisation code'),
  teamName: z.string().trim().optional(),
  password: newPassword,
});

import type { RoleId } from '../../domain/access/roles.js';

/** Who is acting: a signed-in user, or the CLI acting as a named user. */
export interface Actor {
  userId: string;
  username: string;
  role: RoleId;
  organisationId: string;
  teamId: string | null;
  /** Where the request came from: web/api/cli (recorded in the audit row; 'web' when the CLASP web app sent it). */
  channel: 'web' | 'api' | 'cli';
  /** When the user last re-entered their password in this session (#5 step-up); absent for the CLI. */
  steppedUpAt?: Date | null;
}

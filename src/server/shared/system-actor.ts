import type { Actor } from './actor.js';

/**
 * The CLI acts as the system: whoever runs `clasp` on the server already holds the database. Its reads
 * and writes are still audited, under this fixed id and the 'cli' channel, and it sees every child in
 * the area (the scope of the designated professionals).
 */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-4000-8000-000000000000',
  username: 'system',
  role: 'designated_nurse',
  organisationId: '00000000-0000-4000-8000-000000000000',
  teamId: null,
  channel: 'cli',
};

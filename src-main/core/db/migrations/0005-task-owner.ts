import type { Migration } from './migration'

/**
 * Who owns a running task beyond its pid: the host and the process start time, so a stalled but live
 * process is not declared dead and a reused pid is not taken for the owner (see tasks/owner.ts).
 */
export const m0005TaskOwner: Migration = {
  name: '0005-task-owner',
  up: (db) => {
    db.exec(`
      ALTER TABLE tasks ADD COLUMN owner_host TEXT;
      ALTER TABLE tasks ADD COLUMN owner_start TEXT;
    `)
  },
}

import type { Migration } from './migration'

/** TLS per connection: an extra CA file for `verify`, or the one pinned certificate's SHA-256. */
export const m0006ConnectionTls: Migration = {
  name: '0006-connection-tls',
  up: (db) => {
    db.exec(`
      ALTER TABLE connections ADD COLUMN tls_ca_file TEXT;
      ALTER TABLE connections ADD COLUMN tls_fingerprint TEXT
        CHECK (tls_fingerprint IS NULL OR length(tls_fingerprint) = 95);
    `)
  },
}

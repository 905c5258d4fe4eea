/**
 * Encrypts secrets (connection passwords) before they reach the workspace database. The bridge and
 * the CLI use a workspace key file; the Electron adapter may inject one over `safeStorage`.
 */
export interface SecretStore {
  /** Which implementation sealed a value, stored beside it so a value is never opened with the wrong one. */
  readonly scheme: string
  seal(plain: string): string
  open(sealed: string): string
}

/**
 * Encrypts secrets (connection passwords) before they reach the workspace database. The bridge and
 * the CLI use a workspace key file; the desktop app seals with `safeStorage`, which lives in Electron's
 * main process while the core runs in its own process, so sealing and opening are asynchronous.
 */
export interface SecretStore {
  /** Which implementation sealed a value, stored beside it so a value is never opened with the wrong one. */
  readonly scheme: string
  seal(plain: string): Promise<string>
  open(sealed: string): Promise<string>
}

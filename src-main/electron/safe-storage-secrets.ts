import { safeStorage } from 'electron'
import type { SecretSealer } from './core-relay'

/**
 * Connection passwords sealed with the operating system's keychain (Keychain, DPAPI, libsecret), on
 * behalf of the core host, which asks over its port. Returns undefined where no keychain is
 * available, so the core falls back to the workspace key file.
 */
export function safeStorageSecrets(): SecretSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    return undefined
  return {
    scheme: 'electron-safe-storage',
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}

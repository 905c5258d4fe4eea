import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, openSync, readFileSync, closeSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { ApiError } from '../../api/errors'
import type { SecretStore } from './secret-store'

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
export const SECRET_KEY_FILE = 'secret.key'

/** AES-256-GCM with a random key in `<dataDir>/secret.key` (mode 0600), created on first use. */
export function createKeyFileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, SECRET_KEY_FILE)
  let key: Buffer | null = null
  const keyOf = (): Buffer => (key ??= loadOrCreateKey(file))

  return {
    scheme: 'aes-256-gcm:keyfile',
    async seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', keyOf(), iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    async open(sealed) {
      const data = Buffer.from(sealed, 'base64')
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyOf(), data.subarray(0, IV_BYTES))
        decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
        const body = data.subarray(IV_BYTES + TAG_BYTES)
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
      } catch {
        throw new ApiError(
          'INVALID_STATE',
          `A stored password cannot be decrypted with ${file} (the key file changed?). Save the connection's password again.`,
        )
      }
    },
  }
}

function loadOrCreateKey(file: string): Buffer {
  if (!existsSync(file)) {
    try {
      // 'wx': two processes racing to create the key must not both write one.
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, randomBytes(KEY_BYTES).toString('base64'))
      closeSync(fd)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  chmodSync(file, 0o600)
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== KEY_BYTES) {
    throw new ApiError(
      'INVALID_STATE',
      `The key file ${file} is damaged; delete it and save passwords again.`,
    )
  }
  return key
}

import { randomBytes } from 'node:crypto'

/** A new object id: 32 lower-case hex digits, like `3298be1f6def11eca8ca04ea56825bad`. */
export const newId = (): string => randomBytes(16).toString('hex')

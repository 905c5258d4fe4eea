import { z } from 'zod'

/** A task or object id: 32 lower-case hex digits, like `3298be1f6def11eca8ca04ea56825bad`. */
export const hexId = z.string().superRefine((value, ctx) => {
  if (!/^[0-9a-f]{32}$/i.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected 32 hex digits, got ${value.length === 32 ? 'non-hex characters' : value.length}`,
    })
  }
})

export const noParams = z.object({}).strict()

/** Milliseconds since the epoch. */
export type EpochMs = number

/**
 * How a CSV file is written. `raw`: RFC 4180, exactly the text (for other programs; reads back
 * unchanged). `excel`: a UTF-8 byte-order mark, and cells starting with = + - @ tab or carriage
 * return get a leading `'` so Excel shows them instead of running them as formulas.
 */
export const CSV_FLAVOURS = ['raw', 'excel'] as const
export type CsvFlavour = (typeof CSV_FLAVOURS)[number]
export const csvFlavour = z.enum(CSV_FLAVOURS)

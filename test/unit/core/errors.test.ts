import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../src-main/api/errors'
import { isOutOfSpace, toApiErrorData } from '../../../src-main/core/errors'

const coded = (code: string, message = code) => Object.assign(new Error(message), { code })

describe('toApiErrorData', () => {
  it('maps a full disk or quota, from SQLite or the file system, to UNAVAILABLE with the next step', () => {
    const disk = ['SQLITE_FULL', 'ENOSPC', 'EDQUOT'].map((code) => coded(code))
    for (const error of disk) {
      expect(toApiErrorData(error, () => {})).toEqual({
        code: 'UNAVAILABLE',
        message: 'The disk is full: free space, then try again.',
      })
      expect(toApiErrorData(error, () => {}, 'resume the task').message).toBe(
        'The disk is full: free space, then resume the task.',
      )
    }
  })

  it('names the database server when MariaDB runs out of room', () => {
    const full = coded('ER_RECORD_FILE_FULL', "The table 'results' is full")
    expect(toApiErrorData(full, () => {}, 'start it again')).toEqual({
      code: 'UNAVAILABLE',
      message:
        "The database server has no room left (The table 'results' is full): free space there or raise the table's size limit, then start it again.",
    })
    expect(isOutOfSpace(coded('ER_DISK_FULL'))).toBe(true)
    expect(
      isOutOfSpace(
        new Error('Error writing file \'./db/t.MAD\' (Errcode: 28 "No space left on device")'),
      ),
    ).toBe(true)
  })

  it('keeps ApiErrors, and logs anything else as INTERNAL', () => {
    const logged: unknown[] = []
    const kept = new ApiError('CONFLICT', 'Taken.')
    expect(toApiErrorData(kept, (e) => logged.push(e))).toEqual({
      code: 'CONFLICT',
      message: 'Taken.',
    })
    const bug = coded('SQLITE_CORRUPT')
    expect(toApiErrorData(bug, (e) => logged.push(e)).code).toBe('INTERNAL')
    expect(logged).toEqual([bug])
    expect(isOutOfSpace(null)).toBe(false)
    expect(isOutOfSpace('ENOSPC')).toBe(false)
  })
})

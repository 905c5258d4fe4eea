import { execFileSync } from 'node:child_process'
import { makeTempDir } from './temp-dir'

/** A directory on its own tmpfs of a fixed size: a real full disk (ENOSPC) for tests. */
export interface SmallFs {
  dir: string
  resize(size: string): void
  cleanup(): void
}

/** Mounts a tmpfs of `size` (e.g. "1m"); null where mounting is not allowed (not root, no CAP_SYS_ADMIN). */
export function mountSmallFs(size: string): SmallFs | null {
  const temp = makeTempDir('audience-fs-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', temp.dir], {
      stdio: 'ignore',
    })
  } catch {
    temp.cleanup()
    return null
  }
  return {
    dir: temp.dir,
    resize: (next) =>
      execFileSync('mount', ['-o', `remount,size=${next}`, temp.dir], { stdio: 'ignore' }),
    cleanup() {
      execFileSync('umount', [temp.dir], { stdio: 'ignore' })
      temp.cleanup()
    },
  }
}

/** Whether this machine lets tests mount a tmpfs. */
export function canMountSmallFs(): boolean {
  const probe = mountSmallFs('64k')
  probe?.cleanup()
  return probe !== null
}

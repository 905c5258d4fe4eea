// A stand-in core host for relay tests: `exit-on-start` dies as soon as it is asked to start (a host
// that can never come up); `silent` starts but never answers a call (a call stays in flight until the
// test kills it).
import type { FromHost, ToHost } from '../../src-main/electron/host-protocol'

const mode = process.argv[2]
const send = (message: FromHost) => process.send?.(message)
process.on('disconnect', () => process.exit(0))
process.on('message', (raw) => {
  const message = raw as ToHost
  if (message.type !== 'start') return
  if (mode === 'exit-on-start') process.exit(3)
  send({
    type: 'ready',
    ready: { pid: process.pid, databaseFile: '', logFile: '', setAside: null },
  })
})

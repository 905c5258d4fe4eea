import { runCli } from './program'

const code = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr },
  import.meta.url,
)
process.exitCode = code

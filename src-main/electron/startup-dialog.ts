import type { StartupProblem } from './host-protocol'

export type StartupChoice = 'open-folder' | 'start-fresh' | 'open-logs' | 'quit'

export interface StartupDialog {
  title: string
  message: string
  detail: string
  choices: { id: StartupChoice; label: string }[]
}

/**
 * The dialog shown when the core cannot start: what happened, the fix, the log file to send, and
 * the ways out. "Start with a fresh workspace" appears only where it helps, and never deletes.
 */
export function startupDialog(problem: StartupProblem): StartupDialog {
  return {
    title: 'Audience Desktop cannot start',
    message: problem.message,
    detail: [
      problem.fix,
      '',
      `Details: ${problem.detail}`,
      `The log file ${problem.logFile} has the full report.`,
    ].join('\n'),
    choices: [
      { id: 'open-folder', label: 'Open data folder' },
      ...(problem.canStartFresh
        ? [{ id: 'start-fresh' as const, label: 'Start with a fresh workspace' }]
        : []),
      { id: 'open-logs', label: 'Open logs' },
      { id: 'quit', label: 'Quit' },
    ],
  }
}

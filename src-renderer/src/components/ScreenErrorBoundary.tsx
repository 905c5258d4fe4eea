import { Component, type ErrorInfo, type ReactNode } from 'react'
import { Button } from './Button'

interface Props {
  /** The screen's name, for the message. */
  screen: string
  /** Called before the screen is mounted again (e.g. to drop the data it failed on). */
  onReload?: () => void
  children: ReactNode
}

interface State {
  error: Error | null
  errorId: string | null
}

const newErrorId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')

/**
 * Keeps one screen's failure from blanking the whole window: the screen is replaced by a message with
 * an error id and "Reload this screen", and the error goes to the console (in the desktop app that is
 * the main process's log file, where the id finds it).
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, errorId: null }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return {
      error: error instanceof Error ? error : new Error(String(error)),
      errorId: newErrorId(),
    }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(
      `[screen-error ${this.state.errorId ?? '?'}] ${this.props.screen}:`,
      error,
      info.componentStack,
    )
  }

  override render(): ReactNode {
    const { error, errorId } = this.state
    if (!error) return this.props.children
    return (
      <div className="screen" role="alert">
        <header className="screen-header">
          <h1 className="screen-title" tabIndex={-1}>
            {this.props.screen}
          </h1>
        </header>
        <section className="panel">
          <h2>This screen stopped working</h2>
          <p>
            Your data is safe: nothing was lost or half-written. Reload the screen to continue; if
            it happens again, tell whoever supports your installation the error id{' '}
            <strong className="mono">{errorId}</strong> (it is in the app&apos;s log).
          </p>
          <p className="hint mono">{error.message}</p>
          <div className="button-row">
            <Button
              variant="primary"
              onClick={() => {
                this.props.onReload?.()
                this.setState({ error: null, errorId: null })
              }}
            >
              Reload this screen
            </Button>
          </div>
        </section>
      </div>
    )
  }
}

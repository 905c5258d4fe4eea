import type { ReactNode } from 'react'

interface ScreenProps {
  title: string
  /** One line under the title. */
  lead?: string
  actions?: ReactNode
  children?: ReactNode
}

/** The frame of every screen: one h1 (focused after navigation), optional lead and actions. */
export function Screen({ title, lead, actions, children }: ScreenProps) {
  return (
    <div className="screen">
      <header className="screen-header">
        <div>
          <h1 className="screen-title" tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="screen-lead">{lead}</p> : null}
        </div>
        {actions ? <div className="screen-actions">{actions}</div> : null}
      </header>
      {children}
    </div>
  )
}

import { Screen } from '../../components/Screen'
import { AppearanceSection } from './AppearanceSection'
import { DiagnosticsSection } from './DiagnosticsSection'
import { TaskInspector } from './TaskInspector'

export function SettingsScreen() {
  return (
    <Screen title="Settings" lead="Appearance, and health checks for this workspace.">
      <AppearanceSection />
      <DiagnosticsSection />
      <TaskInspector />
    </Screen>
  )
}

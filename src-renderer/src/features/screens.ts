import type { ComponentType } from 'react'
import type { IconName } from '../components/Icon'
import { AnnotateScreen } from './annotate/AnnotateScreen'
import { ConnectionsScreen } from './connections/ConnectionsScreen'
import { DatasetsScreen } from './datasets/DatasetsScreen'
import { ModelsScreen } from './models/ModelsScreen'
import { PredictScreen } from './predict/PredictScreen'
import { RulesScreen } from './rules/RulesScreen'
import { SettingsScreen } from './settings/SettingsScreen'

export interface ScreenDefinition {
  /** The route: `#/<id>`. */
  id: string
  /** The navigation label, which is also the screen's h1. */
  label: string
  icon: IconName
  Component: ComponentType
}

/**
 * The navigation, in order. To add a screen: create `features/<id>/<Name>Screen.tsx` (render it in
 * <Screen title=...>) and add one line here.
 */
export const SCREENS: readonly ScreenDefinition[] = [
  { id: 'datasets', label: 'Datasets', icon: 'datasets', Component: DatasetsScreen },
  { id: 'annotate', label: 'Annotate', icon: 'annotate', Component: AnnotateScreen },
  { id: 'rules', label: 'Rules', icon: 'rules', Component: RulesScreen },
  { id: 'models', label: 'Models', icon: 'models', Component: ModelsScreen },
  { id: 'predict', label: 'Predict', icon: 'predict', Component: PredictScreen },
  { id: 'connections', label: 'Connections', icon: 'connections', Component: ConnectionsScreen },
  { id: 'settings', label: 'Settings', icon: 'settings', Component: SettingsScreen },
]

export const DEFAULT_SCREEN = 'datasets'

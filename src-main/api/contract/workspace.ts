import { z } from 'zod'
import { hexId } from './common'

/** A value a form field holds; a form snapshot is a record of these. */
const formValue = z.union([
  z.string().max(2000),
  z.boolean(),
  z.number(),
  z.array(z.string().max(200)).max(100),
])

/**
 * What the app remembers about this workspace between reloads and restarts. Browser storage cannot
 * hold it: the bridge's origin changes at every launch. Every field is optional; a missing one means
 * "nothing chosen yet".
 */
export const uiStateSchema = z
  .object({
    /** The screen last shown (an id from the renderer's screen list). */
    screen: z.string().regex(/^[a-z][a-z-]{0,39}$/, 'expected a screen id like "annotate"'),
    /** The dataset chosen on Datasets, used by Annotate, Rules and Models. */
    datasetId: hexId.nullable(),
    /** The model version open on the Models screen. */
    modelVersionId: hexId.nullable(),
    /** The rule set open on the Rules screen. */
    ruleSetId: hexId.nullable(),
    /** The user closed the first-run welcome. */
    welcomeDismissed: z.boolean(),
    /** Form snapshots by form name ("train", "predict"...): field → value. */
    forms: z.record(
      z.string().regex(/^[a-z][a-z-]{0,39}$/),
      z.record(z.string().max(80), formValue),
    ),
  })
  .partial()
  .strict()

export type WorkspaceUiState = z.output<typeof uiStateSchema>

export interface WorkspaceOverview {
  /** No dataset but the demo's and no trained model yet: the app shows its welcome. */
  firstRun: boolean
  /** The demo dataset, when it is still there. */
  demoDatasetId: string | null
  /**
   * The demo source file for Predict, copied into the workspace (`demo/source-posts.csv`) so that
   * tasks read it from there; null when the app ships no demo.
   */
  demoSourcePath: string | null
}

export const workspaceSchemas = {
  'workspace.getUiState': z.object({}).strict(),
  'workspace.setUiState': z.object({ patch: uiStateSchema }).strict(),
  'workspace.getOverview': z.object({}).strict(),
}

type In<M extends keyof typeof workspaceSchemas> = z.input<(typeof workspaceSchemas)[M]>

export interface WorkspaceMethods {
  /** What the app remembered about this workspace ({} on a new one). */
  'workspace.getUiState': (p: In<'workspace.getUiState'>) => Promise<WorkspaceUiState>
  /**
   * Merges `patch` into the remembered state (a field set to null is forgotten) and returns the
   * whole state. A field that does not fit the schema is refused and nothing is written.
   */
  'workspace.setUiState': (p: In<'workspace.setUiState'>) => Promise<WorkspaceUiState>
  /** Whether this is a first run, and the demo's dataset and Predict source. */
  'workspace.getOverview': (p: In<'workspace.getOverview'>) => Promise<WorkspaceOverview>
}

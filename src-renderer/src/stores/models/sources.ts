/** Where an export was written: `relativePath` is set for the workspace's exports folder only. */
export type Written = { path: string; relativePath: string | null }

/** A model file: a path (desktop dialog: the core reads it) or the bytes of a browser upload. */
export type ModelSource = { path: string } | { contentBase64: string }

/** A labelled file to evaluate on: a path, or a browser upload stored by `datasets.uploadFile`. */
export type EvaluationFile = ({ path: string } | { upload: string; fileName: string }) & {
  textColumn?: string
  labelColumn?: string
}

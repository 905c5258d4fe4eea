import { ApiError } from '../../api/errors'

export const datasetNotFound = (id: string) =>
  new ApiError(
    'NOT_FOUND',
    `Dataset ${id} does not exist or was deleted. List datasets to see the ones that do.`,
  )

export const labelNotFound = (id: number) =>
  new ApiError(
    'NOT_FOUND',
    `Label ${id} is not in this dataset. Reload the label set and try again.`,
  )

export const documentNotFound = (id: number) =>
  new ApiError('NOT_FOUND', `Document ${id} is not in this dataset. Reload the document list.`)

export const nameTaken = (name: string) =>
  new ApiError('CONFLICT', `A dataset named "${name}" already exists. Choose another name.`)

import { type ImportProblem, importProblems } from '@sidakin/core';
import { ApiError, api } from '../lib/api';
import { ImportProblems } from './model';

/**
 * POSTs a workbook (`{ file }`) or a JSON body to a Renstra / PK import endpoint. Those answer a
 * file with errors with 400 `{ error, problems }`: that becomes `ImportProblems`, with every cell.
 */
export async function postImport<T>(path: string, body: { file: File } | { json: unknown }): Promise<T> {
  try {
    return 'file' in body ? await api.upload<T>(path, body.file) : await api.post<T>(path, body.json);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      const parsed = importProblems.safeParse(error.body);
      if (parsed.success && parsed.data.problems.length > 0) {
        throw new ImportProblems(parsed.data.error.message, parsed.data.problems as ImportProblem[]);
      }
    }
    throw error;
  }
}

/** Settings of the `files` plugin in cred.json: where the records of off-platform work live. */
import * as z from 'zod';
import { parseWithSchema } from '../../core/validation.js';

const configSchema = z.strictObject({
  /** Folder of records, relative to the instance. */
  directory: z.string().min(1).default('contributions'),
});

export type FilesConfig = z.infer<typeof configSchema>;

export function parseFilesConfig(raw: unknown, where: string): FilesConfig {
  return parseWithSchema(
    configSchema,
    raw,
    where,
    'CONFIG_INVALID',
    'Fix "{field}" of the files plugin in cred.json.',
  );
}

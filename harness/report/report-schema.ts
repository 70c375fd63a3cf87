// Validation of report.json and baseline.json against the committed JSON
// Schemas (reports/schema/), which are the contract other tools read: they
// are loaded from the project tree rather than restated in code, so the
// file that is committed is the one that is enforced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { projectRoot } from '../cli/package-info.js';
import type { Report } from './report-model.js';
import type { BaselineFile } from './baseline-file.js';

export const SCHEMA_DIR = join(projectRoot, 'reports/schema');

/** A report or baseline that does not match its schema; the message lists where and why. */
export class ReportFormatError extends Error {
  override name = 'ReportFormatError';
}

const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new Map<string, ValidateFunction>();

function validator(schemaFile: string): ValidateFunction {
  let v = compiled.get(schemaFile);
  if (!v) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, schemaFile), 'utf8')) as { $id?: string };
    try {
      v = ajv.compile(schema);
    } catch (err) {
      // Ajv registers the $id before compiling: unregister it so the error repeats instead of turning into "already exists".
      if (schema.$id) ajv.removeSchema(schema.$id);
      throw err;
    }
    compiled.set(schemaFile, v);
  }
  return v;
}

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

function check<T>(schemaFile: string, data: unknown, what: string): T {
  const v = validator(schemaFile);
  if (!v(data)) throw new ReportFormatError(`${what} does not match ${schemaFile}: ${describe(v.errors)}`);
  return data as T;
}

export function validateReport(data: unknown, what = 'report'): Report {
  return check<Report>('report.schema.json', data, what);
}

export function validateBaseline(data: unknown, what = 'baseline'): BaselineFile {
  return check<BaselineFile>('baseline.schema.json', data, what);
}

/** Reads and validates a JSON file; bad JSON is a ReportFormatError too, so callers map one error to exit 2. */
export function readValidated<T>(file: string, validate: (data: unknown, what: string) => T): T {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new ReportFormatError(`${file}: not JSON (${err.message})`);
    throw err;
  }
  return validate(data, file);
}

export const readReport = (file: string): Report => readValidated(file, validateReport);

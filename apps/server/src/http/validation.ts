import type { FastifySchemaCompiler } from 'fastify';
import { type core, type ZodType, z } from 'zod';

// Zod's own messages are in Indonesian unless a schema gives its own (those are Indonesian too);
// an English request gets them re-rendered by the English locale.
z.config(z.locales.id());
const idLocale = z.locales.id();
const enLocale = z.locales.en();

/** Thrown by the validator; carries zod's issues so the error handler can name each field. */
export class RequestValidationError extends Error {
  readonly issues: core.$ZodIssue[];
  validationContext: string | undefined;
  constructor(issues: core.$ZodIssue[]) {
    super('Request validation failed');
    this.issues = issues;
  }
}

/** Validates request parts with the shared zod contracts (never coerces silently beyond them). */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> = ({ schema }) => {
  return (data: unknown) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };
};

export interface IssueDetail {
  path: string;
  message: string;
}

/** One detail per problem, each with the field path (`body.name`), in the requested language. */
export function issuesToDetails(
  issues: core.$ZodIssue[],
  context: string | undefined,
  locale: 'id' | 'en',
): IssueDetail[] {
  const prefix = context === 'querystring' ? 'query' : (context ?? 'body');
  const out: IssueDetail[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].join('.');
    const idDefault = idLocale.localeError(issue as never);
    const isDefault = typeof idDefault === 'string' ? idDefault === issue.message : false;
    const message = locale === 'en' && isDefault ? String(enLocale.localeError(issue as never)) : issue.message;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: `${base}.${key}`,
          message: locale === 'en' ? `Unknown field "${key}"` : `Kolom "${key}" tidak dikenal`,
        });
      }
    } else {
      out.push({ path: base, message });
    }
  }
  return out;
}

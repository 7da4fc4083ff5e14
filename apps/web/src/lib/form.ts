import type { ChangeEvent } from 'react';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError, isApiError } from './api';
import { i18n } from './i18n';

type Issue = z.core.$ZodIssue;

/** A zod issue in the user's language; the field name is shown by where the message sits. */
export function issueMessage(issue: Issue, field: string): string {
  const t = i18n.t;
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? t('validation.required') : t('validation.minLength', { count: min });
      }
      if (issue.origin === 'array') return t('validation.required');
      return t('validation.min', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxLength', { count: max });
      if (issue.origin === 'array') return t('validation.maxItems', { count: max });
      return t('validation.max', { max });
    }
    case 'invalid_format': {
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'url') return t('validation.url');
      if (issue.format === 'uuid') return t('validation.choose');
      if (issue.format === 'date') return t('validation.date');
      const key = `validation.pattern.${field}`;
      return i18n.exists(key) ? t(key as 'validation.pattern.code') : issue.message;
    }
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_union': {
      const first = issue.errors[0]?.[0];
      return first ? issueMessage(first, field) : t('validation.invalid');
    }
    case 'custom': {
      const key = `validation.custom.${field}`;
      return i18n.exists(key) ? t(key as 'validation.custom.positionId') : issue.message;
    }
    default:
      return issue.message || t('validation.invalid');
  }
}

export function issuesToErrors(issues: readonly Issue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '_form');
    if (!(field in errors)) errors[field] = issueMessage(issue, field);
  }
  return errors;
}

type FieldErrors = Record<string, string | undefined>;

/**
 * Small form state: string-ish values, per-field errors, and a general error for the form.
 * Validation uses the shared zod contract from @sidakin/core; server errors land at the field
 * that `details[].path` names, anything else in `formError`. A refused stale write (someone else
 * saved the record first) is kept apart in `stale`, because the way out is to reload, not to retry.
 */
export function useForm<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);

  const setField = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setErrors((prev) => (prev[key as string] ? { ...prev, [key as string]: undefined } : prev));
  }, []);

  /** Sets a field from its previous value (for values that change while requests are under way). */
  const updateField = useCallback(<K extends keyof T>(key: K, update: (prev: T[K]) => T[K]) => {
    setValues((prev) => ({ ...prev, [key]: update(prev[key]) }));
    setErrors((prev) => (prev[key as string] ? { ...prev, [key as string]: undefined } : prev));
  }, []);

  const reset = useCallback((next: T) => {
    setValues(next);
    setErrors({});
    setFormError(null);
    setStale(null);
  }, []);

  /** Props for TextInput / PasswordInput / Textarea. */
  const text = (key: keyof T & string) => ({
    value: (values[key] as string | null | undefined) ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setField(key, event.currentTarget.value as T[typeof key]),
    error: errors[key],
  });

  /** Props for Select (value may be null). */
  const select = (key: keyof T & string) => ({
    value: (values[key] as string | null | undefined) ?? null,
    onChange: (value: string | null) => setField(key, value as T[typeof key]),
    error: errors[key],
  });

  /** Props for Switch / Checkbox. */
  const checkbox = (key: keyof T & string) => ({
    checked: Boolean(values[key]),
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.checked as T[typeof key]),
    error: errors[key],
  });

  /** Parses `data` with the contract; on failure shows the messages at the fields and returns null. */
  function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> | null {
    setFormError(null);
    const result = schema.safeParse(data);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    const fieldErrors = issuesToErrors(result.error.issues);
    const known: FieldErrors = {};
    const rest: string[] = [];
    for (const [field, message] of Object.entries(fieldErrors)) {
      if (field in values) known[field] = message;
      else rest.push(message);
    }
    setErrors(known);
    if (rest.length > 0) setFormError(rest.join('; '));
    return null;
  }

  /** Shows a failed request: field messages at their fields, the rest above the form. */
  function applyError(error: unknown): void {
    if (isApiError(error, 'STALE_WRITE')) {
      setErrors({});
      setFormError(null);
      setStale(error.message);
      return;
    }
    if (error instanceof ApiError) {
      const fieldErrors = error.fieldErrors();
      const known: FieldErrors = {};
      const unplaced: string[] = [];
      for (const [field, message] of Object.entries(fieldErrors)) {
        if (field in values) known[field] = message;
        else unplaced.push(message);
      }
      setErrors(known);
      const placed = Object.keys(known).length > 0;
      if (!placed) setFormError([error.message, ...unplaced].join(' — '));
      else setFormError(unplaced.length > 0 ? unplaced.join('; ') : null);
      return;
    }
    setFormError(i18n.t('errors.unexpected'));
  }

  return {
    values,
    errors,
    formError,
    /** The server's message when the record changed since the form was filled, else null. */
    stale,
    setField,
    updateField,
    setErrors,
    setFormError,
    reset,
    text,
    select,
    checkbox,
    validate,
    applyError,
  };
}

export type FormApi<T extends Record<string, unknown>> = ReturnType<typeof useForm<T>>;

/** '' → undefined, for optional fields of a contract. */
export function blankToUndefined(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// Leaf schemas with the messages users see. Every check of a leaf carries the same "expected ..." wording, so
// `0`, `1.5` and `"200000"` in a token limit all read "expected a positive integer" (wrong types add what was got).
import { z } from 'zod';
import { didYouMean } from './did-you-mean.js';

/** How a JSON value is named in messages. Never the value itself: it may be a secret. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? `a ${typeof value === 'boolean' ? 'boolean' : typeof value}`
    : typeof value;
}

interface RawIssue {
  code?: string;
  input?: unknown;
  expected?: string;
}

/** Error parameter for zod: one wording for a field, whatever check failed. */
export function expected(what: string) {
  return {
    error: (issue: RawIssue) => {
      if (issue.input === undefined) return `is missing (expected ${what})`;
      // 1.5 given to an integer field is the right type: "expected a positive integer" says it all.
      const fraction = issue.expected === 'int' && Number.isFinite(issue.input);
      if ((issue.code === 'invalid_type' && !fraction) || issue.code === 'invalid_union') {
        return `expected ${what}, got ${kindOf(issue.input)}`;
      }
      return `expected ${what}`;
    },
  };
}

export const nonEmptyString = (what = 'a non-empty string') => {
  const e = expected(what);
  return z.string(e).min(1, e);
};

export const positiveInt = (what = 'a positive integer') => {
  const e = expected(what);
  return z.int(e).positive(e);
};

export const nonNegativeInt = (what = 'a non-negative integer') => {
  const e = expected(what);
  return z.int(e).nonnegative(e);
};

export const nonNegativeNumber = (what = 'a non-negative number') => {
  const e = expected(what);
  return z.number(e).nonnegative(e);
};

export const boolean = () => z.boolean(expected('true or false'));

export const port = () => {
  const e = expected('a port number from 0 to 65535');
  return z.int(e).min(0, e).max(65_535, e);
};

export const httpUrl = () => z.url({ protocol: /^https?$/, ...expected('an http(s) URL') });

// us-east-1, us-gov-west-1, ap-southeast-5, eu-central-2, us-isob-east-1, ...
export const awsRegion = () => {
  const e = expected('an AWS region such as "us-east-1"');
  return z.string(e).regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, e);
};

/** An enum whose message lists the choices and suggests the closest one. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const list = values.map((value) => JSON.stringify(value)).join(', ');
  return z.enum(values, {
    error: (issue: RawIssue) => {
      if (issue.input === undefined) return `is missing (expected one of ${list})`;
      // The value itself is never echoed (a pasted key in the wrong field must not reach a log).
      if (typeof issue.input !== 'string') return `expected one of ${list}, got ${kindOf(issue.input)}`;
      const suggestion = didYouMean(issue.input, values);
      return `expected one of ${list}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
    },
  });
}

/** HTTP header names are RFC 9110 tokens; values are strings without line breaks (header injection). */
export const headers = () =>
  z.record(
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'expected a valid HTTP header name' }),
    z.string(expected('a string')).regex(/^[^\r\n]*$/, { error: 'header values cannot contain line breaks' }),
    expected('an object of header names to string values'),
  );

export const stringArray = (what: string, element = nonEmptyString()) =>
  z.array(element, expected(`an array of ${what}`));

// Turns zod issues into config issues: one per unknown key (with a suggestion), the relevant branch of a
// union instead of "invalid input", and the key itself as the location of key problems.
import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import type { PathSegment } from './json5-locator.js';

export interface SchemaIssue {
  path: PathSegment[];
  message: string;
  /** 'key' when the key itself is wrong (unknown key, invalid record key), else the value. */
  target: 'key' | 'value';
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (schema: z.ZodType): SchemaDef => schema._zod.def as unknown as SchemaDef;

export function translateIssues(issues: readonly z.core.$ZodIssue[], root: z.ZodType): SchemaIssue[] {
  return issues.flatMap((issue) => translate(issue, [], root));
}

function translate(issue: z.core.$ZodIssue, prefix: PathSegment[], root: z.ZodType): SchemaIssue[] {
  const path = [
    ...prefix,
    ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
  ];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = Object.keys(objectShapeAt(root, path) ?? {});
      return issue.keys.map((key) => ({
        path: [...path, key],
        target: 'key',
        message: unknownKey(key, allowed),
      }));
    }
    case 'invalid_key': {
      const message = issue.issues[0]?.message ?? issue.message;
      return [{ path, target: 'key', message: `invalid key: ${message}` }];
    }
    case 'invalid_union': {
      // Report the branch that matched the value's type (an object given to `string | {...}`), if only one did.
      const plausible = issue.errors.filter(
        (branch) => !branch.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'),
      );
      if (plausible.length === 1) return plausible[0]!.flatMap((inner) => translate(inner, path, root));
      return [{ path, target: 'value', message: issue.message }];
    }
    case 'custom': {
      const target = issue.params?.target === 'key' ? 'key' : 'value';
      return [{ path, target, message: issue.message }];
    }
    default:
      return [{ path, target: 'value', message: issue.message }];
  }
}

function unknownKey(key: string, allowed: string[]): string {
  const suggestion = didYouMean(key, allowed);
  if (suggestion) return `unknown key "${key}"; did you mean "${suggestion}"?`;
  return allowed.length > 0
    ? `unknown key "${key}" (allowed: ${allowed.join(', ')})`
    : `unknown key "${key}"`;
}

/** The shape of the strict object at `path` in `schema`, following wrappers, records, arrays and unions. */
function objectShapeAt(
  schema: z.ZodType,
  path: readonly PathSegment[],
): Record<string, z.ZodType> | undefined {
  const def = defOf(schema);
  const inner = def.innerType ?? def.in;
  if (inner) return objectShapeAt(inner, path);
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const shape = objectShapeAt(option, path);
      if (shape) return shape;
    }
    return undefined;
  }
  if (path.length === 0) return def.type === 'object' ? def.shape : undefined;
  const [head, ...rest] = path;
  if (def.type === 'object' && typeof head === 'string') {
    const child = def.shape?.[head];
    return child ? objectShapeAt(child, rest) : undefined;
  }
  if (def.type === 'record' && def.valueType) return objectShapeAt(def.valueType, rest);
  if (def.type === 'array' && def.element) return objectShapeAt(def.element, rest);
  return undefined;
}

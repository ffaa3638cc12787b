import { InputError } from '@backstage/errors';
import {
  evaluateExpression,
  ExpressionError,
  parseExpression,
  Scope,
} from './expression';

/**
 * Resolves a structural template: data (parsed YAML) whose string scalars may hold
 * `${{ expression }}`. A scalar that is exactly one expression becomes its value, typed
 * (a number stays a number, a list a list); placeholders inside a longer string are
 * replaced by their text, passed through the output's `escape`. Values never become
 * syntax: the result is data, serialized afterwards by the output's writer.
 *
 * Directives, in mappings: `$if: <expr>` keeps the mapping only when true;
 * `$each: <expr>`, `$as: <name>`, `$do: <template>` repeat `$do` per item (spliced into a
 * list, the list itself as a key's value, merged into a mapping via `$merge`);
 * `$value: <template>` stands for a value (with `$if`, a conditional list item);
 * `$merge: [<mappings>]` spreads mappings into the one it sits in. The value `omit` drops
 * a key or list item.
 */
export const OMIT = Symbol('omit');
const SPREAD = Symbol('spread');
type Spread = { [SPREAD]: unknown[] };

const WHOLE = /^\$\{\{((?:(?!\}\})[\s\S])*)\}\}$/;
const PLACEHOLDER = /\$\{\{((?:(?!\}\})[\s\S])*)\}\}/g;
const DIRECTIVES = new Set(['$if', '$each', '$as', '$do', '$value']);

export interface ResolveOptions {
  /** Applied to every string an expression produces (per output file type). */
  escape?: (text: string) => string;
  /** Where the template comes from, for error messages. */
  source: string;
}

const cache = new Map<string, ReturnType<typeof parseExpression>>();
function evaluate(source: string, scope: Scope, where: string): unknown {
  let node = cache.get(source);
  try {
    if (!node) {
      node = parseExpression(source);
      if (cache.size > 5000) cache.clear();
      cache.set(source, node);
    }
    return evaluateExpression(node, scope);
  } catch (error) {
    if (error instanceof ExpressionError)
      throw new InputError(`${where}: \${{${source}}}: ${error.message}`);
    throw error;
  }
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

function escapeDeep(value: unknown, escape?: (t: string) => string): unknown {
  if (!escape) return value;
  if (typeof value === 'string') return escape(value);
  if (Array.isArray(value)) return value.map(v => escapeDeep(v, escape));
  if (isMap(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, escapeDeep(v, escape)]),
    );
  return value;
}

function resolveString(
  text: string,
  scope: Scope,
  options: ResolveOptions,
): unknown {
  const whole = WHOLE.exec(text);
  if (whole) {
    const value = evaluate(whole[1], scope, options.source);
    return value === OMIT ? OMIT : escapeDeep(value, options.escape);
  }
  if (!text.includes('${{')) return text;
  return text.replace(PLACEHOLDER, (_, source: string) => {
    const value = evaluate(source, scope, options.source);
    if (value !== null && typeof value === 'object')
      throw new InputError(
        `${options.source}: \${{${source}}} is not text; use it as a whole value`,
      );
    const piece = value === undefined || value === null ? '' : String(value);
    return options.escape ? options.escape(piece) : piece;
  });
}

function each(
  node: Record<string, unknown>,
  scope: Scope,
  options: ResolveOptions,
): unknown[] {
  const items = resolveNode(node.$each, scope, options);
  if (!Array.isArray(items))
    throw new InputError(`${options.source}: $each needs a list`);
  const name = typeof node.$as === 'string' ? node.$as : 'item';
  // A nested $each splices its items into this one's.
  return items
    .map((item, index) =>
      resolveNode(node.$do, { ...scope, [name]: item, index }, options),
    )
    .filter(v => v !== OMIT)
    .flatMap(v => (isMap(v) && SPREAD in v ? (v as Spread)[SPREAD] : [v]));
}

/** Resolves one node of a template against `scope`. */
export function resolveNode(
  node: unknown,
  scope: Scope,
  options: ResolveOptions,
): unknown {
  if (typeof node === 'string') return resolveString(node, scope, options);
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const value = resolveNode(item, scope, options);
      if (value === OMIT) continue;
      if (isMap(value) && SPREAD in value)
        out.push(...(value as Spread)[SPREAD]);
      else out.push(value);
    }
    return out;
  }
  if (!isMap(node)) return node;
  if ('$if' in node && !resolveNode(node.$if, scope, options)) return OMIT;
  if ('$each' in node) return { [SPREAD]: each(node, scope, options) };
  if ('$value' in node) return resolveNode(node.$value, scope, options);
  const out: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of Object.entries(node)) {
    if (DIRECTIVES.has(rawKey)) continue;
    if (rawKey === '$merge') {
      const merged = resolveNode(
        Array.isArray(rawValue) ? rawValue : [rawValue],
        scope,
        options,
      ) as unknown[];
      for (const part of merged) {
        if (!isMap(part))
          throw new InputError(`${options.source}: $merge needs mappings`);
        Object.assign(out, part);
      }
      continue;
    }
    const key = resolveString(rawKey, scope, options);
    if (typeof key !== 'string' || key === '')
      throw new InputError(`${options.source}: a key must resolve to text`);
    const value = resolveNode(rawValue, scope, options);
    if (value === OMIT) continue;
    // `key: {$each: ...}` is the list of what each item gives.
    out[key] =
      isMap(value) && SPREAD in value ? (value as Spread)[SPREAD] : value;
  }
  return out;
}

/** Top-level documents: `$each` at the top emits one document per item. */
export function resolveDocuments(
  docs: unknown[],
  scope: Scope,
  options: ResolveOptions,
): unknown[] {
  return resolveNode(docs, scope, options) as unknown[];
}

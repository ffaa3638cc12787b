import { stringify as stringifyYaml } from 'yaml';
import {
  CONFIGURED_ONLY,
  ExpressionError,
  parseExpression,
  parseTemplate,
  UNKNOWN,
  Value,
} from './expression';

type Node = ReturnType<typeof parseExpression>;

/** What names resolve to: `var`, `local`, `module`, `each`, `count`, `path`, for variables. */
export type Scope = Record<string, Value>;

const isUnknown = (v: unknown): v is typeof UNKNOWN => v === UNKNOWN;
const isObject = (v: Value): v is { [key: string]: Value } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  throw new ExpressionError('cannot use a collection as a string');
}

function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) {
    return Number(v);
  }
  throw new ExpressionError(`"${String(v)}" is not a number`);
}

function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new ExpressionError(`"${String(v)}" is not a bool`);
}

const entriesOf = (v: Value): Array<[Value, Value]> => {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  if (isObject(v)) return Object.entries(v);
  throw new ExpressionError('a for expression needs a list, set or map');
};

function index(of: Value, key: Value): Value {
  if (isUnknown(of) || isUnknown(key)) return UNKNOWN;
  if (Array.isArray(of)) {
    const i = toNumber(key);
    if (i < 0 || i >= of.length)
      throw new ExpressionError(`index ${i} out of range`);
    return of[i];
  }
  if (isObject(of)) {
    const k = toText(key);
    if (!(k in of)) throw new ExpressionError(`no key "${k}"`);
    return of[k];
  }
  throw new ExpressionError('cannot index this value');
}

function flattenAll(list: Value[]): Value[] {
  return list.flatMap(v => (Array.isArray(v) ? flattenAll(v) : [v]));
}

function rangeOf(xs: Value[]): number[] {
  const [start, end, step] =
    xs.length === 1
      ? [0, toNumber(xs[0]), 1]
      : [
          toNumber(xs[0]),
          toNumber(xs[1]),
          xs[2] === undefined ? 1 : toNumber(xs[2]),
        ];
  const out: number[] = [];
  for (let v = start; step > 0 ? v < end : v > end; v += step) {
    out.push(v);
    if (out.length > 1024) throw new ExpressionError('range longer than 1024');
  }
  return out;
}

/** What Terraform's regex gives: named groups as an object, groups as a list, else the match. */
function regexResult(match: RegExpMatchArray): Value {
  if (match.groups) return { ...match.groups } as Value;
  return match.length > 1 ? match.slice(1).map(g => g ?? null) : match[0];
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  abs: x => Math.abs(toNumber(x)),
  ceil: x => Math.ceil(toNumber(x)),
  floor: x => Math.floor(toNumber(x)),
  max: (...xs) => Math.max(...xs.map(toNumber)),
  min: (...xs) => Math.min(...xs.map(toNumber)),
  pow: (a, b) => toNumber(a) ** toNumber(b),
  signum: x => Math.sign(toNumber(x)),
  parseint: (s, base) => parseInt(toText(s), toNumber(base)),
  tonumber: x => (x === null ? null : toNumber(x)),
  tostring: x => (x === null ? null : toText(x)),
  tobool: x => (x === null ? null : toBool(x)),
  tolist: x => (Array.isArray(x) ? x : entriesOf(x).map(([, v]) => v)),
  toset: x =>
    [...new Set((x as Value[]).map(v => JSON.stringify(v)))].map(v =>
      JSON.parse(v),
    ),
  tomap: x => x,
  lower: s => toText(s).toLowerCase(),
  upper: s => toText(s).toUpperCase(),
  title: s => toText(s).replace(/\b\w/g, c => c.toUpperCase()),
  trimspace: s => toText(s).trim(),
  trimprefix: (s, p) =>
    toText(s).startsWith(toText(p))
      ? toText(s).slice(toText(p).length)
      : toText(s),
  trimsuffix: (s, p) =>
    toText(s).endsWith(toText(p))
      ? toText(s).slice(0, -toText(p).length)
      : toText(s),
  replace: (s, a, b) => {
    const pattern = /^\/(.*)\/$/.exec(toText(a));
    return pattern
      ? toText(s).replace(
          new RegExp(pattern[1], 'g'),
          toText(b).replace(/\$\{?(\d+)\}?/g, '$$$1'),
        )
      : toText(s).split(toText(a)).join(toText(b));
  },
  regex: (pattern, s) => {
    const match = new RegExp(toText(pattern)).exec(toText(s));
    if (!match) throw new ExpressionError('regex: pattern did not match');
    return regexResult(match);
  },
  regexall: (pattern, s) =>
    [...toText(s).matchAll(new RegExp(toText(pattern), 'g'))].map(regexResult),
  substr: (s, o, l) => {
    const text = toText(s);
    const length = toNumber(l);
    return text.substr(toNumber(o), length < 0 ? undefined : length);
  },
  startswith: (s, p) => toText(s).startsWith(toText(p)),
  endswith: (s, p) => toText(s).endsWith(toText(p)),
  join: (sep, list) => (list as Value[]).map(toText).join(toText(sep)),
  split: (sep, s) => toText(s).split(toText(sep)),
  format: (fmt, ...args) => {
    let i = 0;
    return toText(fmt).replace(
      /%(%|[-+ 0#]*\d*(?:\.\d+)?[sdvfq])/g,
      (_match, spec: string) => {
        if (spec === '%') return '%';
        const arg = args[i++];
        if (spec.endsWith('d')) return String(Math.trunc(toNumber(arg)));
        if (spec.endsWith('f')) {
          const digits = /\.(\d+)/.exec(spec)?.[1];
          return toNumber(arg).toFixed(digits ? Number(digits) : 6);
        }
        return typeof arg === 'object' && arg !== null
          ? JSON.stringify(arg)
          : toText(arg);
      },
    );
  },
  length: x => {
    if (typeof x === 'string') return [...x].length;
    if (Array.isArray(x)) return x.length;
    if (isObject(x)) return Object.keys(x).length;
    throw new ExpressionError('length needs a string or a collection');
  },
  element: (list, i) => {
    const l = list as Value[];
    return l[((toNumber(i) % l.length) + l.length) % l.length];
  },
  index: (list, v) =>
    (list as Value[]).findIndex(x => JSON.stringify(x) === JSON.stringify(v)),
  contains: (list, v) =>
    (list as Value[]).some(x => JSON.stringify(x) === JSON.stringify(v)),
  concat: (...lists) => (lists as Value[][]).flat(),
  flatten: list => flattenAll(list as Value[]),
  distinct: list => FUNCTIONS.toset(list),
  compact: list => (list as Value[]).filter(v => v !== null && v !== ''),
  reverse: list => [...(list as Value[])].reverse(),
  sort: list => [...(list as Value[])].map(toText).sort(),
  slice: (list, a, b) => (list as Value[]).slice(toNumber(a), toNumber(b)),
  range: (...xs) => rangeOf(xs),
  sum: list => (list as Value[]).reduce<number>((a, b) => a + toNumber(b), 0),
  keys: m => Object.keys(m as object).sort(),
  values: m =>
    Object.keys(m as object)
      .sort()
      .map(k => (m as Record<string, Value>)[k]),
  lookup: (m, k, fallback) => {
    const map = m as Record<string, Value>;
    const key = toText(k);
    if (key in map) return map[key];
    if (fallback === undefined) throw new ExpressionError(`no key "${key}"`);
    return fallback;
  },
  merge: (...maps) =>
    Object.assign({}, ...(maps.filter(m => m !== null) as object[])),
  zipmap: (ks, vs) =>
    Object.fromEntries(
      (ks as Value[]).map((k, i) => [toText(k), (vs as Value[])[i]]),
    ),
  coalesce: (...xs) => {
    const found = xs.find(x => x !== null && x !== '');
    if (found === undefined)
      throw new ExpressionError('coalesce: no non-null argument');
    return found;
  },
  coalescelist: (...xs) => (xs as Value[][]).find(x => x.length > 0) ?? [],
  one: list => {
    const l = list as Value[];
    if (l.length > 1) throw new ExpressionError('one: more than one element');
    return l.length ? l[0] : null;
  },
  // Go's url.QueryEscape, which Terraform's urlencode uses: a space becomes "+".
  urlencode: s =>
    encodeURIComponent(toText(s))
      .replace(
        /[!'()*]/g,
        c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      )
      .replace(/%20/g, '+'),
  jsonencode: v => JSON.stringify(v),
  // Known values only (an unknown inside makes the whole text unknown, as in a plan); the
  // layout is the yaml library's, not Terraform's: read it as data, never compare text.
  yamlencode: v => stringifyYaml(v),
  jsondecode: s => JSON.parse(toText(s)),
};

/** Functions whose result depends on the provider or the file system: always unknown. */
const ALWAYS_UNKNOWN = new Set([
  'cidrsubnet',
  'cidrhost',
  'file',
  'templatefile',
  'filebase64',
  'timestamp',
  'uuid',
  'base64encode',
  'sha256',
  'md5',
  'yamldecode',
]);

function call(
  name: string,
  args: Node[],
  expand: boolean,
  scope: Scope,
): Value {
  if (name === 'try') {
    for (const arg of args) {
      try {
        const v = evaluateNode(arg, scope);
        if (!containsUnknown(v)) return v;
        return UNKNOWN;
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
      }
    }
    throw new ExpressionError('try: every argument failed');
  }
  if (name === 'can') {
    try {
      const v = evaluateNode(args[0], scope);
      return containsUnknown(v) ? UNKNOWN : true;
    } catch (error) {
      if (error instanceof ExpressionError) return false;
      throw error;
    }
  }
  if (ALWAYS_UNKNOWN.has(name)) return UNKNOWN;
  const fn = FUNCTIONS[name];
  if (!fn) throw new ExpressionError(`function ${name}() is not supported`);
  let values = args.map(a => evaluateNode(a, scope));
  if (expand) {
    const last = values.pop()!;
    if (isUnknown(last)) return UNKNOWN;
    values = [...values, ...(last as Value[])];
  }
  // As in Terraform, a collection's length is known when its elements are not.
  if (name === 'length' && (Array.isArray(values[0]) || isObject(values[0])))
    return fn(...values);
  if (values.some(containsUnknown)) return UNKNOWN;
  return fn(...values);
}

function binary(op: string, l: Value, r: Value): Value {
  if (op === '&&' && l === false) return false;
  if (op === '||' && l === true) return true;
  if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
  switch (op) {
    case '+':
      return toNumber(l) + toNumber(r);
    case '-':
      return toNumber(l) - toNumber(r);
    case '*':
      return toNumber(l) * toNumber(r);
    case '/':
      return toNumber(l) / toNumber(r);
    case '%':
      return toNumber(l) % toNumber(r);
    case '<':
      return toNumber(l) < toNumber(r);
    case '<=':
      return toNumber(l) <= toNumber(r);
    case '>':
      return toNumber(l) > toNumber(r);
    case '>=':
      return toNumber(l) >= toNumber(r);
    case '==':
      return JSON.stringify(l) === JSON.stringify(r);
    case '!=':
      return JSON.stringify(l) !== JSON.stringify(r);
    case '&&':
      return toBool(l) && toBool(r);
    default:
      return toBool(l) || toBool(r);
  }
}

export function evaluateNode(node: Node, scope: Scope): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'tpl': {
      const values = node.parts.map(p =>
        typeof p === 'string' ? p : evaluateNode(p, scope),
      );
      // "${x}" alone keeps x's type, as in Terraform.
      if (values.length === 1 && typeof node.parts[0] !== 'string')
        return values[0];
      if (values.some(isUnknown)) return UNKNOWN;
      return values.map(toText).join('');
    }
    case 'ref': {
      if (node.name in scope) return scope[node.name];
      // Resources and data sources: known only after apply.
      return UNKNOWN;
    }
    case 'get': {
      const of = evaluateNode(node.of, scope);
      if (isUnknown(of)) return UNKNOWN;
      if (isObject(of)) {
        if (node.attr in of) return of[node.attr];
        if ((of as Record<symbol, unknown>)[CONFIGURED_ONLY]) return UNKNOWN;
        throw new ExpressionError(`no attribute "${node.attr}"`);
      }
      throw new ExpressionError(`cannot read "${node.attr}" of this value`);
    }
    case 'idx':
      return index(
        evaluateNode(node.of, scope),
        evaluateNode(node.index, scope),
      );
    case 'splat': {
      const of = evaluateNode(node.of, scope);
      if (isUnknown(of)) return UNKNOWN;
      let list: Value[] = [of];
      if (of === null) list = [];
      else if (Array.isArray(of)) list = of;
      return list.map(item =>
        node.rest.reduce<Value>(
          (v, step) =>
            step.attr !== undefined
              ? evaluateNode(
                  { k: 'get', of: { k: 'lit', v }, attr: step.attr },
                  scope,
                )
              : index(v, evaluateNode(step.index!, scope)),
          item,
        ),
      );
    }
    case 'call':
      return call(node.name, node.args, node.expand, scope);
    case 'un': {
      const v = evaluateNode(node.arg, scope);
      if (isUnknown(v)) return UNKNOWN;
      return node.op === '!' ? !toBool(v) : -toNumber(v);
    }
    case 'bin': {
      const l = evaluateNode(node.l, scope);
      if (
        (node.op === '&&' && l === false) ||
        (node.op === '||' && l === true)
      ) {
        return l;
      }
      return binary(node.op, l, evaluateNode(node.r, scope));
    }
    case 'cond': {
      const c = evaluateNode(node.c, scope);
      if (isUnknown(c)) return UNKNOWN;
      return evaluateNode(toBool(c) ? node.a : node.b, scope);
    }
    case 'tuple':
      return node.items.map(i => evaluateNode(i, scope));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const [k, v] of node.entries) {
        const key = evaluateNode(k, scope);
        if (isUnknown(key)) return UNKNOWN;
        out[toText(key)] = evaluateNode(v, scope);
      }
      return out;
    }
    default: {
      const coll = evaluateNode(node.coll, scope);
      if (isUnknown(coll)) return UNKNOWN;
      const list: Value[] = [];
      const map: Record<string, Value> = {};
      for (const [k, v] of entriesOf(coll)) {
        const inner: Scope = { ...scope, [node.valueVar]: v };
        if (node.keyVar) inner[node.keyVar] = k;
        if (node.cond) {
          const keep = evaluateNode(node.cond, inner);
          if (isUnknown(keep)) return UNKNOWN;
          if (!toBool(keep)) continue;
        }
        const value = evaluateNode(node.value, inner);
        if (!node.object) {
          list.push(value);
          continue;
        }
        const key = evaluateNode(node.key!, inner);
        if (isUnknown(key)) return UNKNOWN;
        const name = toText(key);
        if (node.group) map[name] = [...((map[name] as Value[]) ?? []), value];
        else map[name] = value;
      }
      return node.object ? map : list;
    }
  }
}

/** Evaluates an expression's source text (as inside `${...}`). */
export function evaluateExpression(source: string, scope: Scope): Value {
  return evaluateNode(parseExpression(source), scope);
}

/**
 * Evaluates a value as hcl2json returns it: strings are templates (`"${var.x}"` keeps x's
 * type), objects and lists are walked, other JSON stays as it is.
 */
export function evaluateHcl(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') {
    if (
      !value.includes('${') &&
      !value.includes('$${') &&
      !value.includes('%%{')
    ) {
      return value;
    }
    return evaluateNode(
      { k: 'tpl', parts: templateParts(value) } as Node,
      scope,
    );
  }
  if (Array.isArray(value)) return value.map(v => evaluateHcl(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, evaluateHcl(v, scope)]),
    );
  }
  return value as Value;
}

const templates = new Map<string, ReturnType<typeof parseTemplate>>();

function templateParts(text: string) {
  let parts = templates.get(text);
  if (!parts) {
    parts = parseTemplate(text);
    if (templates.size > 50_000) templates.clear();
    templates.set(text, parts);
  }
  return parts;
}

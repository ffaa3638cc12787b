import { InputError } from '@backstage/errors';

/**
 * The expressions of a data template, `${{ ... }}`: a small language that reads values and
 * never runs code. Paths (`values.name`, `scale[env].min`), literals (strings, numbers,
 * true, false, null, lists), `==`, `!=`, `in`, `not in`, `and`, `or`, `not`, `+`
 * (strings and numbers), `a if condition else b`, and filters (`dep | upper`).
 */
export type Scope = Record<string, unknown>;

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'name'; name: string }
  | { t: 'get'; of: Node; key: Node }
  | { t: 'list'; items: Node[] }
  | { t: 'not'; of: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'if'; cond: Node; then: Node; else: Node }
  | { t: 'filter'; of: Node; name: string; args: Node[] };

export class ExpressionError extends InputError {}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_-]*)|(==|!=|<=|>=|[()[\].,|+<>]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new ExpressionError(`unexpected "${source.slice(at)}"`);
    if (m[1] !== undefined) tokens.push(`#${m[1]}`);
    else if (m[2] !== undefined || m[3] !== undefined)
      tokens.push(`'${(m[2] ?? m[3]).replace(/\\(.)/g, '$1')}`);
    else tokens.push(m[4] ?? m[5]);
  }
  return tokens;
}

/** Parses an expression once; evaluate it against any number of scopes. */
export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const token = tokens[i++];
    if (token === undefined || (expected && token !== expected))
      throw new ExpressionError(
        `in "${source}": expected ${expected ?? 'more'}, found ${
          token ?? 'the end'
        }`,
      );
    return token;
  };

  function primary(): Node {
    const token = take();
    if (token.startsWith('#')) return { t: 'lit', v: Number(token.slice(1)) };
    if (token.startsWith("'")) return { t: 'lit', v: token.slice(1) };
    if (token === '(') {
      const inner = conditional();
      take(')');
      return inner;
    }
    if (token === '[') {
      const items: Node[] = [];
      while (peek() !== ']') {
        items.push(conditional());
        if (peek() === ',') take(',');
      }
      take(']');
      return { t: 'list', items };
    }
    if (token === 'true' || token === 'false')
      return { t: 'lit', v: token === 'true' };
    if (token === 'null') return { t: 'lit', v: null };
    if (/^[A-Za-z_]/.test(token)) return { t: 'name', name: token };
    throw new ExpressionError(`in "${source}": unexpected ${token}`);
  }
  function postfix(): Node {
    let node = primary();
    for (;;) {
      if (peek() === '.') {
        take('.');
        node = { t: 'get', of: node, key: { t: 'lit', v: take() } };
      } else if (peek() === '[') {
        take('[');
        node = { t: 'get', of: node, key: conditional() };
        take(']');
      } else return node;
    }
  }
  function filtered(): Node {
    let node = postfix();
    while (peek() === '|') {
      take('|');
      const name = take();
      const args: Node[] = [];
      if (peek() === '(') {
        take('(');
        while (peek() !== ')') {
          args.push(conditional());
          if (peek() === ',') take(',');
        }
        take(')');
      }
      node = { t: 'filter', of: node, name, args };
    }
    return node;
  }
  function sum(): Node {
    let node = filtered();
    while (peek() === '+') {
      take('+');
      node = { t: 'bin', op: '+', l: node, r: filtered() };
    }
    return node;
  }
  function comparison(): Node {
    const left = sum();
    const op = peek();
    if (['==', '!=', '<', '>', '<=', '>='].includes(op)) {
      take();
      return { t: 'bin', op, l: left, r: sum() };
    }
    if (op === 'in') {
      take();
      return { t: 'bin', op: 'in', l: left, r: sum() };
    }
    if (op === 'not' && tokens[i + 1] === 'in') {
      take();
      take();
      return { t: 'not', of: { t: 'bin', op: 'in', l: left, r: sum() } };
    }
    return left;
  }
  function negation(): Node {
    if (peek() === 'not') {
      take();
      return { t: 'not', of: negation() };
    }
    return comparison();
  }
  function conjunction(): Node {
    let node = negation();
    while (peek() === 'and') {
      take();
      node = { t: 'bin', op: 'and', l: node, r: negation() };
    }
    return node;
  }
  function disjunction(): Node {
    let node = conjunction();
    while (peek() === 'or') {
      take();
      node = { t: 'bin', op: 'or', l: node, r: conjunction() };
    }
    return node;
  }
  function conditional(): Node {
    const value = disjunction();
    if (peek() !== 'if') return value;
    take('if');
    const cond = disjunction();
    take('else');
    return { t: 'if', cond, then: value, else: conditional() };
  }
  const node = conditional();
  if (i < tokens.length)
    throw new ExpressionError(`in "${source}": unexpected ${tokens[i]}`);
  return node;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Filters values pass through; none reads files, the network or the clock. */
const FILTERS: Record<string, (v: unknown, ...args: unknown[]) => unknown> = {
  upper: v => String(v).toUpperCase(),
  lower: v => String(v).toLowerCase(),
  string: v => String(v),
  join: (v, sep = ',') => asList(v).join(String(sep)),
  default: (v, fallback) => (v === undefined || v === null ? fallback : v),
  keys: v => (isMap(v) ? Object.keys(v) : []),
  length: v => (Array.isArray(v) ? v.length : Object.keys(v ?? {}).length),
  replace: (v, from, to) => String(v).split(String(from)).join(String(to)),
  first: v => asList(v)[0],
  /** Each item's own field `key` (a list of receivers' names, say). */
  map: (v, key) =>
    asList(v).map(x =>
      isMap(x) && Object.prototype.hasOwnProperty.call(x, String(key))
        ? x[String(key)]
        : undefined,
    ),
  without: (v, ...drop) => asList(v).filter(x => !drop.includes(x)),
  /** The value as JSON text (for a dashboard inside a ConfigMap, say). */
  toJson: v => JSON.stringify(v, null, 2),
  /** The first n characters. */
  truncate: (v, n) => String(v).slice(0, Number(n)),
  /** Without the given characters at its end. */
  trimEnd: (v, chars = ' ') => {
    let text = String(v);
    while (text && String(chars).includes(text[text.length - 1]))
      text = text.slice(0, -1);
    return text;
  },
  /** The items of a list that are also in another, in the first list's order. */
  within: (v, other) => asList(v).filter(x => asList(other).includes(x)),
  /** A RepoUrlPicker value (`github.com?owner=acme&repo=orders`) as host, owner, repo. */
  repoUrl: v => {
    const url = new URL(`https://${String(v)}`);
    return {
      host: url.host,
      owner: url.searchParams.get('owner'),
      repo: url.searchParams.get('repo'),
    };
  },
};

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new ExpressionError('expected a list');
  return v;
}

export function evaluateExpression(node: Node, scope: Scope): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'name':
      if (!(node.name in scope))
        throw new ExpressionError(`unknown name "${node.name}"`);
      return scope[node.name];
    case 'get': {
      const of = evaluateExpression(node.of, scope);
      const key = evaluateExpression(node.key, scope);
      if (of === undefined || of === null) return undefined;
      if (Array.isArray(of) && typeof key === 'number') return of[key];
      if (isMap(of) && typeof key === 'string')
        return Object.prototype.hasOwnProperty.call(of, key)
          ? of[key]
          : undefined;
      return undefined;
    }
    case 'list':
      return node.items.map(item => evaluateExpression(item, scope));
    case 'not':
      return !evaluateExpression(node.of, scope);
    case 'if':
      return evaluateExpression(node.cond, scope)
        ? evaluateExpression(node.then, scope)
        : evaluateExpression(node.else, scope);
    case 'filter': {
      const filter = FILTERS[node.name];
      if (!filter) throw new ExpressionError(`unknown filter "${node.name}"`);
      return filter(
        evaluateExpression(node.of, scope),
        ...node.args.map(a => evaluateExpression(a, scope)),
      );
    }
    case 'bin': {
      const l = evaluateExpression(node.l, scope);
      if (node.op === 'and') return l ? evaluateExpression(node.r, scope) : l;
      if (node.op === 'or') return l ? l : evaluateExpression(node.r, scope);
      const r = evaluateExpression(node.r, scope);
      switch (node.op) {
        case '==':
          return JSON.stringify(l) === JSON.stringify(r);
        case '!=':
          return JSON.stringify(l) !== JSON.stringify(r);
        case '<':
          return (l as number) < (r as number);
        case '>':
          return (l as number) > (r as number);
        case '<=':
          return (l as number) <= (r as number);
        case '>=':
          return (l as number) >= (r as number);
        case 'in':
          if (Array.isArray(r)) return r.includes(l);
          if (isMap(r)) return typeof l === 'string' && l in r;
          return typeof r === 'string' && r.includes(String(l));
        case '+':
          if (typeof l === 'number' && typeof r === 'number') return l + r;
          if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
          return `${l ?? ''}${r ?? ''}`;
        default:
          throw new ExpressionError(`unknown operator ${node.op}`);
      }
    }
    default:
      throw new ExpressionError('unknown expression');
  }
}

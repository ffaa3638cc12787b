/**
 * The community Grafana plugin's `grafana/dashboard-selector` language, evaluated on the
 * server: identifiers `title`, `tags`, `url`, `folderTitle`; string and number literals;
 * `@>` (array contains), `==`, `!=`, `&&`, `||`, `!` and parentheses.
 */
import { LruMap } from '@forja/plugin-forja-node';

export type DashboardFields = {
  title: string;
  tags: string[];
  url: string;
  folderTitle: string;
};

type Node =
  | { type: 'literal'; value: string | number | boolean }
  | { type: 'identifier'; name: keyof DashboardFields }
  | { type: 'not'; argument: Node }
  | { type: 'binary'; operator: string; left: Node; right: Node };

const IDENTIFIERS = new Set(['title', 'tags', 'url', 'folderTitle']);
const OPERATORS = ['@>', '==', '!=', '&&', '||', '!', '(', ')'];

export class SelectorError extends Error {
  name = 'SelectorError';
}

type Token = {
  kind: 'op' | 'string' | 'number' | 'word';
  text: string;
  at: number;
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let text = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        text +=
          source[j] === '\\' && j + 1 < source.length ? source[++j] : source[j];
      }
      if (j >= source.length)
        throw new SelectorError(`unterminated string at ${i}`);
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const text = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))![0];
      tokens.push({ kind: 'number', text, at: i });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const text = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ kind: 'word', text, at: i });
      i += text.length;
    } else {
      const at = i;
      const op = OPERATORS.find(o => source.startsWith(o, at));
      if (!op) throw new SelectorError(`unexpected "${c}" at ${at}`);
      tokens.push({ kind: 'op', text: op, at });
      i += op.length;
    }
  }
  return tokens;
}

/** Parsed selectors kept (each at most 1000 characters); the least recently used go first. */
export const PARSED_SELECTORS = 2000;
const parsedSelectors = new LruMap<string, Node>(PARSED_SELECTORS);

/** The selector's syntax tree; each distinct selector is parsed once (views repeat it). */
export function parseSelector(source: string): Node {
  let root = parsedSelectors.get(source);
  if (!root) {
    root = parseSelectorUncached(source);
    parsedSelectors.set(source, root);
  }
  return root;
}

function parseSelectorUncached(source: string): Node {
  if (source.length > 1000)
    throw new SelectorError('longer than 1000 characters');
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (...ops: string[]) =>
    peek()?.kind === 'op' && ops.includes(peek()!.text);

  function primary(): Node {
    const token = tokens[pos++];
    if (!token) throw new SelectorError('ends too early');
    if (token.kind === 'op' && token.text === '(') {
      const inner = or();
      if (!isOp(')'))
        throw new SelectorError(`missing ")" for "(" at ${token.at}`);
      pos++;
      return inner;
    }
    if (token.kind === 'string') return { type: 'literal', value: token.text };
    if (token.kind === 'number')
      return { type: 'literal', value: Number(token.text) };
    if (token.kind === 'word') {
      if (token.text === 'true' || token.text === 'false') {
        return { type: 'literal', value: token.text === 'true' };
      }
      if (IDENTIFIERS.has(token.text)) {
        return {
          type: 'identifier',
          name: token.text as keyof DashboardFields,
        };
      }
      throw new SelectorError(
        `unknown identifier "${token.text}" at ${token.at} (known: title, tags, url, folderTitle)`,
      );
    }
    throw new SelectorError(`unexpected "${token.text}" at ${token.at}`);
  }
  function unary(): Node {
    if (isOp('!')) {
      pos++;
      return { type: 'not', argument: unary() };
    }
    return primary();
  }
  function binary(next: () => Node, ops: string[]): Node {
    let left = next();
    while (isOp(...ops)) {
      const operator = tokens[pos++].text;
      left = { type: 'binary', operator, left, right: next() };
    }
    return left;
  }
  function comparison(): Node {
    return binary(unary, ['@>', '==', '!=']);
  }
  function and(): Node {
    return binary(comparison, ['&&']);
  }
  function or(): Node {
    return binary(and, ['||']);
  }

  const root = or();
  if (pos < tokens.length) {
    throw new SelectorError(
      `unexpected "${tokens[pos].text}" at ${tokens[pos].at}`,
    );
  }
  return root;
}

export function evaluateSelector(node: Node, fields: DashboardFields): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'identifier':
      return fields[node.name];
    case 'not':
      return !evaluateSelector(node.argument, fields);
    default: {
      const left = evaluateSelector(node.left, fields);
      if (node.operator === '&&')
        return left && evaluateSelector(node.right, fields);
      if (node.operator === '||')
        return left || evaluateSelector(node.right, fields);
      const right = evaluateSelector(node.right, fields);
      if (node.operator === '==') return left === right;
      if (node.operator === '!=') return left !== right;
      if (!Array.isArray(left)) {
        throw new SelectorError('@> needs an array on its left, such as tags');
      }
      return left.includes(right);
    }
  }
}

/** A matcher from the entity's selector; the older tag selector means `tags @> 'tag'`. */
export function dashboardMatcher(options: {
  selector?: string;
  tag?: string;
}): (fields: DashboardFields) => boolean {
  if (options.selector) {
    const root = parseSelector(options.selector);
    return fields => Boolean(evaluateSelector(root, fields));
  }
  const tag = options.tag;
  return fields => tag !== undefined && fields.tags.includes(tag);
}

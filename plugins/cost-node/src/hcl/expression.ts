/**
 * Terraform's expression language, as far as pricing needs it: literals, templates,
 * references, operators, conditionals, for expressions, splats and the common functions.
 * Values the plan would only know after apply (resource attributes, data sources) are
 * UNKNOWN and propagate; callers list what they could not price instead of guessing.
 */

/** A value Terraform would only know after apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');
/**
 * Marks a resource's configured attributes: an attribute it does not configure (an id,
 * an ARN) is computed by the provider, so reading it gives UNKNOWN instead of an error.
 */
export const CONFIGURED_ONLY: unique symbol = Symbol('configured only');
export type Value =
  | string
  | number
  | boolean
  | null
  | typeof UNKNOWN
  | Value[]
  | { [key: string]: Value };

export class ExpressionError extends Error {
  name = 'ExpressionError';
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; parts: TemplatePart[] }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'eof' };

type TemplatePart = string | Node;

type Node =
  | { k: 'lit'; v: Value }
  | { k: 'tpl'; parts: TemplatePart[] }
  | { k: 'ref'; name: string }
  | { k: 'get'; of: Node; attr: string }
  | { k: 'idx'; of: Node; index: Node }
  | { k: 'splat'; of: Node; rest: Array<{ attr?: string; index?: Node }> }
  | { k: 'call'; name: string; args: Node[]; expand: boolean }
  | { k: 'un'; op: string; arg: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'cond'; c: Node; a: Node; b: Node }
  | { k: 'tuple'; items: Node[] }
  | { k: 'object'; entries: Array<[Node, Node]> }
  | {
      k: 'for';
      object: boolean;
      keyVar?: string;
      valueVar: string;
      coll: Node;
      key?: Node;
      value: Node;
      cond?: Node;
      group: boolean;
    };

const OPERATORS = [
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '=>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '<',
  '>',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  '=',
];

class Lexer {
  private pos = 0;
  constructor(private readonly src: string) {}

  private skipSpace() {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || this.src.startsWith('//', this.pos)) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') {
          this.pos++;
        }
      } else if (this.src.startsWith('/*', this.pos)) {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) {
        out.push({ t: 'eof' });
        return out;
      }
      const c = this.src[this.pos];
      if (/[0-9]/.test(c)) {
        const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
          this.src.slice(this.pos),
        )!;
        out.push({ t: 'num', v: Number(m[0]) });
        this.pos += m[0].length;
      } else if (c === '"') {
        this.pos++;
        out.push({ t: 'str', parts: this.template('"') });
      } else if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos))!;
        out.push({ t: 'id', v: m[0] });
        this.pos += m[0].length;
      } else {
        const op = OPERATORS.find(o => this.src.startsWith(o, this.pos));
        if (!op) {
          throw new ExpressionError(`unexpected "${c}" at ${this.pos}`);
        }
        out.push({ t: 'op', v: op });
        this.pos += op.length;
      }
    }
  }

  /** A template up to `end` (a quote, or the end of input for a top-level template). */
  template(end: '"' | ''): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let text = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (end && c === end) {
        this.pos++;
        if (text) parts.push(text);
        return parts;
      }
      if (
        this.src.startsWith('$${', this.pos) ||
        this.src.startsWith('%%{', this.pos)
      ) {
        text += `${c}{`;
        this.pos += 3;
      } else if (this.src.startsWith('${', this.pos)) {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        parts.push(this.interpolation());
      } else if (this.src.startsWith('%{', this.pos)) {
        throw new ExpressionError(
          'template directives (%{...}) are not supported',
        );
      } else if (end && c === '\\') {
        const next = this.src[this.pos + 1];
        const escapes: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '"': '"',
          '\\': '\\',
        };
        if (next === 'u') {
          text += String.fromCharCode(
            parseInt(this.src.slice(this.pos + 2, this.pos + 6), 16),
          );
          this.pos += 6;
        } else {
          text += escapes[next] ?? next;
          this.pos += 2;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    if (end) throw new ExpressionError('unterminated string');
    if (text) parts.push(text);
    return parts;
  }

  /** The expression inside `${ ... }`, parsed from the matching brace. */
  private interpolation(): Node {
    let depth = 0;
    let i = this.pos;
    let inString = false;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= this.src.length) throw new ExpressionError('unterminated ${');
    const inner = this.src.slice(this.pos, i).replace(/^~|~$/g, '');
    this.pos = i + 1;
    return parseExpression(inner);
  }
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(offset = 0) {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)];
  }
  private isOp(v: string, offset = 0) {
    const t = this.peek(offset);
    return t.t === 'op' && t.v === v;
  }
  private isId(v: string) {
    const t = this.peek();
    return t.t === 'id' && t.v === v;
  }
  private expect(v: string) {
    if (!this.isOp(v)) throw new ExpressionError(`expected "${v}"`);
    this.i++;
  }
  private ident(): string {
    const t = this.peek();
    if (t.t !== 'id') throw new ExpressionError('expected a name');
    this.i++;
    return t.v;
  }

  parseAll(): Node {
    const node = this.expr();
    if (this.peek().t !== 'eof')
      throw new ExpressionError('unexpected input after the expression');
    return node;
  }

  expr(): Node {
    const c = this.binary(0);
    if (this.isOp('?')) {
      this.i++;
      const a = this.expr();
      this.expect(':');
      const b = this.expr();
      return { k: 'cond', c, a, b };
    }
    return c;
  }

  private static readonly LEVELS = [
    ['||'],
    ['&&'],
    ['==', '!='],
    ['<', '<=', '>', '>='],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    while (Parser.LEVELS[level].some(op => this.isOp(op))) {
      const op = (this.toks[this.i++] as { v: string }).v;
      l = { k: 'bin', op, l, r: this.binary(level + 1) };
    }
    return l;
  }

  private unary(): Node {
    if (this.isOp('!') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      return { k: 'un', op, arg: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Node): Node {
    let node = start;
    for (;;) {
      if (this.isOp('.') && this.isOp('*', 1)) {
        this.i += 2;
        return this.splatRest(node);
      }
      if (this.isOp('[') && this.isOp('*', 1) && this.isOp(']', 2)) {
        this.i += 3;
        return this.splatRest(node);
      }
      if (this.isOp('.')) {
        this.i++;
        const t = this.peek();
        if (t.t === 'num') {
          this.i++;
          node = { k: 'idx', of: node, index: { k: 'lit', v: t.v } };
        } else node = { k: 'get', of: node, attr: this.ident() };
      } else if (this.isOp('[')) {
        this.i++;
        const index = this.expr();
        this.expect(']');
        node = { k: 'idx', of: node, index };
      } else return node;
    }
  }

  private splatRest(of: Node): Node {
    const rest: Array<{ attr?: string; index?: Node }> = [];
    for (;;) {
      if (this.isOp('.') && !this.isOp('*', 1)) {
        this.i++;
        rest.push({ attr: this.ident() });
      } else if (this.isOp('[') && !this.isOp('*', 1)) {
        this.i++;
        rest.push({ index: this.expr() });
        this.expect(']');
      } else return { k: 'splat', of, rest };
    }
  }

  private primary(): Node {
    const t = this.peek();
    if (t.t === 'num') {
      this.i++;
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'str') {
      this.i++;
      return { k: 'tpl', parts: t.parts };
    }
    if (t.t === 'id') {
      this.i++;
      if (t.v === 'true' || t.v === 'false')
        return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (this.isOp('(')) return this.call(t.v);
      return { k: 'ref', name: t.v };
    }
    if (this.isOp('(')) {
      this.i++;
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    if (this.isOp('[')) return this.tuple();
    if (this.isOp('{')) return this.object();
    throw new ExpressionError('expected an expression');
  }

  private call(name: string): Node {
    this.expect('(');
    const args: Node[] = [];
    let expand = false;
    while (!this.isOp(')')) {
      args.push(this.expr());
      if (this.isOp('...')) {
        this.i++;
        expand = true;
      }
      if (!this.isOp(')')) this.expect(',');
    }
    this.i++;
    return { k: 'call', name, args, expand };
  }

  private forHead() {
    this.i++; // for
    const first = this.ident();
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.isOp(',')) {
      this.i++;
      keyVar = first;
      valueVar = this.ident();
    }
    if (!this.isId('in')) throw new ExpressionError('expected "in"');
    this.i++;
    const coll = this.expr();
    this.expect(':');
    return { keyVar, valueVar, coll };
  }

  private forTail() {
    let cond: Node | undefined;
    if (this.isId('if')) {
      this.i++;
      cond = this.expr();
    }
    return cond;
  }

  private tuple(): Node {
    this.expect('[');
    if (this.isId('for')) {
      const head = this.forHead();
      const value = this.expr();
      const cond = this.forTail();
      this.expect(']');
      return { k: 'for', object: false, ...head, value, cond, group: false };
    }
    const items: Node[] = [];
    while (!this.isOp(']')) {
      items.push(this.expr());
      if (!this.isOp(']')) this.expect(',');
    }
    this.i++;
    return { k: 'tuple', items };
  }

  private object(): Node {
    this.expect('{');
    if (this.isId('for')) {
      const head = this.forHead();
      const key = this.expr();
      this.expect('=>');
      const value = this.expr();
      let group = false;
      if (this.isOp('...')) {
        this.i++;
        group = true;
      }
      const cond = this.forTail();
      this.expect('}');
      return { k: 'for', object: true, ...head, key, value, cond, group };
    }
    const entries: Array<[Node, Node]> = [];
    while (!this.isOp('}')) {
      const keyToken = this.peek();
      let key: Node;
      if (keyToken.t === 'id' && (this.isOp('=', 1) || this.isOp(':', 1))) {
        this.i++;
        key = { k: 'lit', v: keyToken.v };
      } else key = this.expr();
      if (this.isOp('=') || this.isOp(':')) this.i++;
      else throw new ExpressionError('expected "=" in an object');
      entries.push([key, this.expr()]);
      if (this.isOp(',')) this.i++;
    }
    this.i++;
    return { k: 'object', entries };
  }
}

/** Parsed expressions kept, the oldest forgotten first (a module's expressions repeat per instance). */
export const PARSED_EXPRESSIONS = 10_000;
/** Longer expressions are parsed each time, so the cache holds at most about 5 MB of them. */
export const MAX_CACHED_EXPRESSION_LENGTH = 500;
const parsed = new Map<string, Node>();

export function parseExpression(source: string): Node {
  let node = parsed.get(source);
  if (!node) {
    node = new Parser(new Lexer(source).tokens()).parseAll();
    if (source.length <= MAX_CACHED_EXPRESSION_LENGTH) {
      if (parsed.size >= PARSED_EXPRESSIONS) {
        parsed.delete(parsed.keys().next().value!);
      }
      parsed.set(source, node);
    }
  }
  return node;
}

/** A template as hcl2json returns strings: literal text with `${...}` interpolations. */
export function parseTemplate(text: string): TemplatePart[] {
  return new Lexer(text).template('');
}

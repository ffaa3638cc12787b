import { parseExpression, UNKNOWN, Value } from './expression';
import { evaluateNode } from './evaluate';

type Node = ReturnType<typeof parseExpression>;

const isObject = (v: Value): v is { [key: string]: Value } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function keyName(node: Node): string | undefined {
  if (node.k === 'ref') return node.name;
  if (node.k === 'lit' && typeof node.v === 'string') return node.v;
  return undefined;
}

function withDefaults(type: Node, value: Value): Value {
  if (type.k !== 'call' || value === UNKNOWN || value === null) return value;
  const [inner] = type.args;
  switch (type.name) {
    case 'optional':
      return withDefaults(inner, value);
    case 'object': {
      if (!isObject(value) || inner?.k !== 'object') return value;
      const result: Record<string, Value> = { ...value };
      for (const [keyNode, attributeType] of inner.entries) {
        const key = keyName(keyNode);
        if (!key) continue;
        const optional =
          attributeType.k === 'call' && attributeType.name === 'optional';
        if ((result[key] === undefined || result[key] === null) && optional) {
          const defaultNode = attributeType.args[1];
          result[key] = defaultNode ? evaluateNode(defaultNode, {}) : null;
        }
        if (result[key] !== undefined)
          result[key] = withDefaults(attributeType, result[key]);
      }
      return result;
    }
    case 'list':
    case 'set':
      return Array.isArray(value)
        ? value.map(v => withDefaults(inner, v))
        : value;
    case 'map':
      return isObject(value)
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, withDefaults(inner, v)]),
          )
        : value;
    default:
      return value;
  }
}

/**
 * A variable's value with the defaults of its type's `optional(type, default)` attributes
 * filled in, as Terraform does when it converts the value to the declared type.
 */
export function applyTypeDefaults(typeSource: unknown, value: Value): Value {
  if (typeof typeSource !== 'string') return value;
  const source = /^\$\{([\s\S]*)\}$/.exec(typeSource)?.[1] ?? typeSource;
  try {
    return withDefaults(parseExpression(source), value);
  } catch {
    return value;
  }
}

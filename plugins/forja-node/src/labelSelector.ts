import { InputError } from '@backstage/errors';

/** A term's test, and the values it requires of its key when it is `=`, `==` or `in`. */
type Requirement = {
  test: (labels: Record<string, string>) => boolean;
  required?: [key: string, values: string[]];
};

const KEY = /^[A-Za-z0-9]([A-Za-z0-9_.\-/]*[A-Za-z0-9])?$/;

/** Splits on commas outside parentheses: `a in (x,y),b` → [`a in (x,y)`, `b`]. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += char;
  }
  out.push(current);
  return out.map(t => t.trim()).filter(Boolean);
}

function requirement(term: string): Requirement {
  const key = (k: string) => {
    if (!KEY.test(k)) throw new InputError(`invalid label key "${k}"`);
    return k;
  };
  const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const k = key(set[1]);
    const listed = set[3].split(',').map(v => v.trim());
    const values = new Set(listed);
    return set[2] === 'in'
      ? {
          test: labels => k in labels && values.has(labels[k]),
          required: [k, listed],
        }
      : { test: labels => !(k in labels) || !values.has(labels[k]) };
  }
  const pair = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (pair) {
    const k = key(pair[1]);
    const value = pair[3];
    return pair[2] === '!='
      ? { test: labels => labels[k] !== value }
      : { test: labels => labels[k] === value, required: [k, [value]] };
  }
  if (term.startsWith('!')) {
    const k = key(term.slice(1).trim());
    return { test: labels => !(k in labels) };
  }
  const k = key(term);
  return { test: labels => k in labels };
}

/**
 * A Kubernetes label selector (`a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * comma-separated) as a predicate over labels. Invalid selectors throw InputError.
 */
export function labelSelectorMatcher(
  selector: string,
): (labels: Record<string, string> | undefined) => boolean {
  const requirements = terms(selector).map(requirement);
  return labels => requirements.every(r => r.test(labels ?? {}));
}

/**
 * The values a selector requires per label key, from its `k=v`, `k==v` and `k in (...)`
 * terms: an object can only match when its label `k` holds one of them. Lets a caller
 * index a list by label instead of testing every object. Invalid selectors throw
 * InputError, as labelSelectorMatcher does.
 */
export function labelSelectorRequiredValues(
  selector: string,
): Map<string, Set<string>> {
  const required = new Map<string, Set<string>>();
  for (const term of terms(selector)) {
    const { required: pair } = requirement(term);
    if (!pair) continue;
    const [key, values] = pair;
    const before = required.get(key);
    required.set(
      key,
      new Set(before ? values.filter(v => before.has(v)) : values),
    );
  }
  return required;
}

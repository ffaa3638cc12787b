import { InputError } from '@backstage/errors';

type Requirement = (labels: Record<string, string>) => boolean;

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
    const values = new Set(set[3].split(',').map(v => v.trim()));
    return set[2] === 'in'
      ? labels => k in labels && values.has(labels[k])
      : labels => !(k in labels) || !values.has(labels[k]);
  }
  const pair = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (pair) {
    const k = key(pair[1]);
    const value = pair[3];
    return pair[2] === '!='
      ? labels => labels[k] !== value
      : labels => labels[k] === value;
  }
  if (term.startsWith('!')) {
    const k = key(term.slice(1).trim());
    return labels => !(k in labels);
  }
  const k = key(term);
  return labels => k in labels;
}

/**
 * A Kubernetes label selector (`a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * comma-separated) as a predicate over labels. Invalid selectors throw InputError.
 */
export function labelSelectorMatcher(
  selector: string,
): (labels: Record<string, string> | undefined) => boolean {
  const requirements = terms(selector).map(requirement);
  return labels => requirements.every(r => r(labels ?? {}));
}

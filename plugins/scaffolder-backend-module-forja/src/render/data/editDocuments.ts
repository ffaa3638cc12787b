import { InputError } from '@backstage/errors';
import { Document, isMap, isSeq, parseAllDocuments, YAMLSeq } from 'yaml';
import { yamlDocuments } from '../files';

/**
 * Structural edits of a YAML file the template changes (a kustomization, a
 * catalog-info.yaml): comments and layout of what is there stay, values are added as
 * data. A document is picked by its `kind`, or the first one.
 */
export interface EditOperation {
  /** Adds `value` to the list at `path` (created when absent); `unique` skips a value already there. */
  append?: {
    kind?: string;
    path: string[];
    value: unknown;
    unique?: boolean;
  };
  /** Documents added at the end of the file. */
  appendDocuments?: unknown[];
}

export function parseExisting(file: string, text: string): Document[] {
  const docs = parseAllDocuments(text) as Document[];
  const error = docs.flatMap(d => d.errors)[0];
  if (error) throw new InputError(`${file}: ${error.message}`);
  return docs;
}

function pick(file: string, docs: Document[], kind?: string): Document {
  const doc = kind ? docs.find(d => d.get('kind') === kind) : docs[0];
  if (!doc || !isMap(doc.contents))
    throw new InputError(`${file} has no ${kind ?? 'YAML mapping'} to change`);
  return doc;
}

/** Reads a value from the file: the `path` of the document of `kind`. */
export function readExistingValue(
  file: string,
  text: string,
  kind: string | undefined,
  path: string[],
): unknown {
  const doc = pick(file, parseExisting(file, text), kind);
  const value = doc.getIn(path);
  return value && typeof value === 'object' && 'toJSON' in value
    ? (value as { toJSON(): unknown }).toJSON()
    : value;
}

export function editDocuments(
  file: string,
  text: string,
  operations: EditOperation[],
): string {
  const docs = parseExisting(file, text);
  const appended: unknown[] = [];
  for (const op of operations) {
    if (op.append) {
      const { kind, path, value, unique } = op.append;
      const doc = pick(file, docs, kind);
      const list = doc.getIn(path);
      if (list === undefined) {
        doc.setIn(path, doc.createNode([value]));
      } else if (isSeq(list)) {
        const present = list.items.some(
          item =>
            JSON.stringify(
              item && typeof item === 'object' && 'toJSON' in item
                ? (item as { toJSON(): unknown }).toJSON()
                : item,
            ) === JSON.stringify(value),
        );
        if (!(unique && present)) (list as YAMLSeq).add(doc.createNode(value));
      } else {
        throw new InputError(`${file}: "${path.join('.')}" is not a list`);
      }
    }
    if (op.appendDocuments) appended.push(...op.appendDocuments);
  }
  // Documents are joined by one marker; a document that carried its own (parsed from
  // "---\n...") would otherwise get a second, empty document before it.
  const edited = docs
    .map((d, i) => {
      const body = d.toString({ lineWidth: 0 });
      return i > 0 && body.startsWith('---\n') ? body.slice(4) : body;
    })
    .join('---\n');
  return appended.length
    ? `${edited}---\n${yamlDocuments(...appended)}`
    : edited;
}

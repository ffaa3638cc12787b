import { hclString } from '../hcl';
import { json, yamlDocuments } from '../files';

/**
 * How a template file becomes an output file, by the template's name: the data it
 * resolves to is serialized by a writer of that type, and text an expression produces is
 * escaped for it. Order matters: the longest suffix first.
 */
export interface Writer {
  suffix: string;
  /** The output's name: the template's, minus this part. */
  strip: string;
  escape?: (text: string) => string;
  write: (docs: unknown[]) => string;
}

function single(docs: unknown[], suffix: string): unknown {
  if (docs.length !== 1)
    throw new Error(`a ${suffix} template must resolve to one document`);
  return docs[0];
}

/** Terraform reads `${` and `%{` in any string of a .tf.json file as a template. */
const terraformTemplate = (text: string) =>
  text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
/** Markdown renders HTML: user text stays text. */
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const WRITERS: Writer[] = [
  {
    suffix: '.tf.json.yaml',
    strip: '.yaml',
    escape: terraformTemplate,
    write: docs => json(single(docs, '.tf.json.yaml')),
  },
  {
    suffix: '.json.yaml',
    strip: '.yaml',
    write: docs => json(single(docs, '.json.yaml')),
  },
  {
    suffix: '.tfbackend.yaml',
    strip: '.yaml',
    write: docs => {
      const settings = single(docs, '.tfbackend.yaml') as Record<
        string,
        unknown
      >;
      return `${Object.entries(settings)
        .map(([key, value]) => `${key} = ${hclString(String(value))}`)
        .join('\n')}\n`;
    },
  },
  {
    // A list of lines; runs of blank lines collapse to one.
    suffix: '.md.yaml',
    strip: '.yaml',
    escape: html,
    write: docs =>
      (single(docs, '.md.yaml') as unknown[])
        .map(line => String(line ?? ''))
        .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
        .join('\n'),
  },
  { suffix: '.yaml', strip: '', write: docs => yamlDocuments(...docs) },
];

export function writerFor(templatePath: string): Writer | undefined {
  return WRITERS.find(w => templatePath.endsWith(w.suffix));
}

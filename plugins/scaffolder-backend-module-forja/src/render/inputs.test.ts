import fs from 'fs-extra';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { FORJA_ROOT } from '../cli/forjaRoot';
import { hclString } from './hcl';
import { renderTemplate } from './renderTemplate';
import { serviceValuesSchema } from './service';

const skeletonDir = path.join(FORJA_ROOT, 'templates/service/skeleton');
const baseValues = () =>
  parse(
    fs.readFileSync(
      path.join(FORJA_ROOT, 'examples/values/video-system/ms-auth.yaml'),
      'utf8',
    ),
  );

describe('template inputs', () => {
  it('keeps hostile text as data in YAML', async () => {
    const description =
      'ok\nkind: ClusterRoleBinding\n---\n{{ "".constructor.constructor("return process")() }} ${{ github.event.issue.title }} $(curl x)';
    const files = await renderTemplate(
      'service',
      { ...baseValues(), description },
      { skeletonDir, forjaDir: path.join(skeletonDir, '..', 'forja') },
    );
    const docs = parseAllDocuments(files.get('catalog-info.yaml')!);
    expect(docs).toHaveLength(1);
    const entity = (docs[0] as any).toJS();
    expect(entity.kind).toBe('Component');
    expect(entity.metadata.description).toBe(description);
    const workflows = [...files].filter(([file]) =>
      file.startsWith('.github/'),
    );
    expect(workflows.length).toBeGreaterThan(0);
    expect(workflows.map(([, text]) => text).join('\n')).not.toContain(
      'ClusterRoleBinding',
    );
  });

  it('escapes HCL template sequences, quotes, backslashes and newlines', () => {
    expect(hclString('${file("/etc/passwd")} %{if} a"b\\c\nd')).toBe(
      '"$${file(\\"/etc/passwd\\")} %%{if} a\\"b\\\\c\\nd"',
    );
  });

  it('matches the form in template.yaml', () => {
    const template = parse(
      fs.readFileSync(
        path.join(FORJA_ROOT, 'templates/service/template.yaml'),
        'utf8',
      ),
    );
    const name = template.spec.parameters[0].properties.name;
    const shape =
      (serviceValuesSchema as any).def?.in?.shape ??
      (serviceValuesSchema as any).shape;
    const nameSchema = shape.name;
    expect(nameSchema.maxLength).toBe(name.maxLength);
    expect(nameSchema.minLength).toBe(name.minLength);
    expect(new RegExp(name.pattern).test('ms-auth')).toBe(true);
    for (const bad of ['Ms', '-a', 'a-', 'a_b']) {
      expect(new RegExp(name.pattern).test(bad)).toBe(false);
      expect(nameSchema.safeParse(bad).success).toBe(false);
    }
  });
});

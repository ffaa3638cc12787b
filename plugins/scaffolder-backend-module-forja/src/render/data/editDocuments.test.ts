import { parseAllDocuments } from 'yaml';
import { editDocuments } from './editDocuments';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ms-video # the service
spec:
  owner: group:default/team-video
`;
const resource = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
});

describe('editDocuments', () => {
  it('appends to lists by kind, keeping comments, and skips a unique value already there', () => {
    const once = editDocuments('catalog-info.yaml', catalog, [
      {
        append: {
          kind: 'Component',
          path: ['spec', 'dependsOn'],
          value: 'resource:video-db',
          unique: true,
        },
      },
    ]);
    const twice = editDocuments('catalog-info.yaml', once, [
      {
        append: {
          kind: 'Component',
          path: ['spec', 'dependsOn'],
          value: 'resource:video-db',
          unique: true,
        },
      },
    ]);
    expect(twice).toBe(once);
    expect(once).toContain('name: ms-video # the service');
    expect(parseAllDocuments(once)[0].toJS().spec.dependsOn).toEqual([
      'resource:video-db',
    ]);
  });

  it('adds documents edit after edit without empty documents between them', () => {
    let text = catalog;
    for (const name of ['video-db', 'video-frames', 'video-cache'])
      text = editDocuments('catalog-info.yaml', text, [
        { appendDocuments: [resource(name)] },
      ]);
    const docs = parseAllDocuments(text).map(d => d.toJS());
    expect(docs.map(d => d?.metadata?.name)).toEqual([
      'ms-video',
      'video-db',
      'video-frames',
      'video-cache',
    ]);
    expect(text).not.toMatch(/^---\n---/m);
  });
});

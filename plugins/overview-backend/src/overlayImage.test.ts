import { overlayImage, placeholder, withImageTag } from './overlayImage';

const kustomization = `# dev overlay
resources:
  - ../../base
images:
  - name: ms-auth-blue # the live colour
    newName: ghcr.io/acme/ms-auth
    newTag: "1.2.0"
  - name: ms-auth-green
    newName: ghcr.io/acme/ms-auth
    newTag: 1.1.0
`;

const colours = `apiVersion: v1
kind: Service
metadata: { name: ms-auth }
spec: { selector: { forja.dev/color: blue } }
---
apiVersion: v1
kind: Service
metadata: { name: ms-auth-preview }
spec: { selector: { forja.dev/color: green } }
`;

describe('overlayImage', () => {
  const blueGreen = { name: 'ms-auth', deployStrategy: 'blue-green' };

  it('names the active and the idle colour of a blue/green service, the service otherwise', () => {
    expect(placeholder(blueGreen, colours, 'active')).toBe('ms-auth-blue');
    expect(placeholder(blueGreen, colours, 'idle')).toBe('ms-auth-green');
    expect(placeholder({ name: 'ms-auth' }, colours, 'idle')).toBe('ms-auth');
    expect(placeholder(blueGreen, undefined, 'idle')).toBe('ms-auth');
  });

  it("reads a placeholder's image entry", () => {
    expect(overlayImage(kustomization, 'ms-auth-blue')).toEqual({
      name: 'ms-auth-blue',
      newName: 'ghcr.io/acme/ms-auth',
      newTag: '1.2.0',
    });
    expect(overlayImage('images: 3', 'ms-auth')).toBeUndefined();
  });

  it('moves one tag, keeping comments and the other entries, and says what it was', () => {
    const moved = withImageTag(kustomization, 'ms-auth-green', '1.3.0')!;
    expect(moved.previousTag).toBe('1.1.0');
    const text = moved.document.toString();
    expect(text).toContain('# the live colour');
    expect(text).toContain('newTag: "1.2.0"');
    expect(overlayImage(text, 'ms-auth-green')?.newTag).toBe('1.3.0');
    expect(withImageTag(kustomization, 'other', '1.3.0')).toBeUndefined();
  });

  it('never writes a tag that is not a Docker tag', () => {
    expect(() =>
      withImageTag(
        kustomization,
        'ms-auth-green',
        '1.0\nkind: ClusterRoleBinding',
      ),
    ).toThrow(/is not an image tag/);
  });
});

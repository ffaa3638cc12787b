import { parse } from 'yaml';
import { examples } from './createRenderAction.examples';

describe('forja:render examples', () => {
  it('are templates steps using the action', () => {
    for (const example of examples) {
      expect(parse(example.example).steps[0]).toMatchObject({
        action: 'forja:render',
      });
    }
  });
});

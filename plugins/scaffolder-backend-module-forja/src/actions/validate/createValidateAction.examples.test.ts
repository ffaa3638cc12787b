import { parse } from 'yaml';
import { examples } from './createValidateAction.examples';

describe('forja:validate examples', () => {
  it('are templates steps using the action', () => {
    for (const example of examples) {
      expect(parse(example.example).steps[0]).toMatchObject({
        action: 'forja:validate',
      });
    }
  });
});

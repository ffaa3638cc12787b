import { parse } from 'yaml';
import { examples } from './createPublishAction.examples';

describe('forja:github:publish examples', () => {
  it('are template steps using the action', () => {
    for (const example of examples) {
      expect(parse(example.example).steps[0]).toMatchObject({
        action: 'forja:github:publish',
      });
    }
  });
});

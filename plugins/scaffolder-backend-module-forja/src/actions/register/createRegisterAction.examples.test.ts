import yaml from 'yaml';
import { examples } from './createRegisterAction.examples';

describe('forja:catalog:register examples', () => {
  it("register the publish step's repository", () => {
    for (const example of examples) {
      const { steps } = yaml.parse(example.example);
      expect(steps[0].action).toBe('forja:catalog:register');
      expect(steps[0].input.repoContentsUrl).toContain('steps.publish.output');
    }
  });
});

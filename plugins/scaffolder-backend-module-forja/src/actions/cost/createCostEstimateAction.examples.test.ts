import yaml from 'yaml';
import { examples } from './createCostEstimateAction.examples';

describe('forja:cost:estimate examples', () => {
  it('are templates steps using the action with valid inputs', () => {
    for (const example of examples) {
      const { steps } = yaml.parse(example.example);
      expect(steps[0].action).toBe('forja:cost:estimate');
      expect(['aws', 'azure', 'gcp']).toContain(steps[0].input.cloud);
    }
  });
});

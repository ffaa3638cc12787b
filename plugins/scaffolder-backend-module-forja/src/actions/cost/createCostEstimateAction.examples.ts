import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Price the rendered workspace (Terraform and the pods of each overlay) and write COST.md',
    example: yaml.stringify({
      steps: [
        {
          id: 'cost',
          action: 'forja:cost:estimate',
          name: 'Estimate the monthly cost',
          input: { cloud: 'aws', region: 'us-east-1' },
        },
      ],
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Render the service template from the form values',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'forja:render',
          name: 'Render the service',
          input: { template: 'service', values: '${{ parameters }}' },
        },
      ],
    }),
  },
];

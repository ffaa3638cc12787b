import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Register the repository the task published',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'forja:catalog:register',
          name: 'Register in the catalog',
          input: {
            repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}',
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace as a new private repository with two GitHub Environments',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'forja:github:publish',
          name: 'Publish to GitHub',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders',
            environments: ['staging', 'prod'],
          },
        },
      ],
    }),
  },
];

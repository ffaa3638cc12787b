import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Validate the rendered workspace before publishing it',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'forja:validate',
          name: 'Validate Terraform, Kustomize and workflows',
        },
      ],
    }),
  },
];

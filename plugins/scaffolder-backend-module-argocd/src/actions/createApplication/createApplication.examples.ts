import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Register a new service's dev overlay with Argo CD, labelled for the argocd/app-selector annotation and pointing back at its entity",
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'argocd:create-application',
          name: 'Create the Argo CD application',
          input: {
            instance: 'main',
            appName: 'orders-dev',
            projectName: 'orders',
            repoUrl: 'https://github.com/acme/orders.git',
            path: 'k8s/overlays/dev',
            namespace: 'orders-dev',
            labels: {
              'backstage.io/kubernetes-id': 'orders',
              'forja.dev/environment': 'dev',
            },
            entityRef: 'component:default/orders',
          },
        },
      ],
    }),
  },
];

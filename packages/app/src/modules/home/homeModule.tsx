import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to Forja

Forja is this portal's platform: the software catalog, templates that generate
services and environments, and per entity its Kubernetes state, Argo CD sync,
Grafana dashboards and alerts, and monthly cost.

- **The catalog** lists every component of the five demo systems: open one to see
  its cards ([ms-auth](/catalog/default/component/ms-auth) is a good start).
- **On-call overview** lines up every service per environment, trouble first.
- **Create** generates a service (Go, Node.js or Python), an environment (EKS,
  AKS or GKE) or a resource for a service, validated before anything is published.

Cards say what is not configured and how to connect it; \`./forja start --demo\`
shows them with data from local simulators.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'Tips and links to help you get started with Backstage',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});

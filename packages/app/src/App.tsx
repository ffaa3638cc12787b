import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { authModule } from './modules/auth';
import { demoModule } from './modules/demo';
import { kubernetesModule } from './modules/kubernetes';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    authModule,
    kubernetesModule,
    demoModule,
  ],
});

import { Content, Header, Page } from '@backstage/core-components';
import { OverviewView } from './OverviewView';

/** `/forja/overview`: every component of the portal, trouble first. */
export function OverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="On-call overview"
        subtitle="What is broken, where, since when, and what changed"
      />
      <Content>
        <OverviewView />
      </Content>
    </Page>
  );
}

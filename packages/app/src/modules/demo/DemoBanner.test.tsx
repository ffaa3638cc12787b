import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { DemoBanner } from './DemoBanner';

describe('DemoBanner', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('says nothing outside the demo', async () => {
    await renderInTestApp(
      <>
        <DemoBanner />
        <p>page</p>
      </>,
    );
    expect(await screen.findByText('page')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('lets clicks through to the page under it, and hides for the session when closed', async () => {
    await renderInTestApp(<DemoBanner />, {
      config: { forja: { demo: true } },
    });
    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent(/^Demo: Argo CD, Grafana, GitHub/);
    // Floating over the page's corner, it must not swallow clicks meant for buttons there.
    expect(getComputedStyle(banner).pointerEvents).toBe('none');
    fireEvent.click(
      screen.getByRole('button', { name: 'Hide the demo notice' }),
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(window.sessionStorage.getItem('forja.demo-banner.dismissed')).toBe(
      'true',
    );
  });
});

import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider } from '@/app/provider';

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
}

/** Renders a component inside the app's providers. */
export function renderWithProviders(ui: ReactElement) {
  const queryClient = testQueryClient();
  return { queryClient, ...render(<AppProvider queryClient={queryClient} mantineEnv="test">{ui}</AppProvider>) };
}

/** Renders routes at a URL inside the app's providers. */
export function renderRoutes(routes: RouteObject[], url: string) {
  const queryClient = testQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  return { queryClient, router, ...render(<AppProvider queryClient={queryClient} mantineEnv="test"><RouterProvider router={router} /></AppProvider>) };
}

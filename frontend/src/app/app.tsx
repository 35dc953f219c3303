import { useState } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';
import { AppProvider } from './provider';
import { routes } from './router';

/**
 * Hash routing (`/#/clients/<id>`): the backend answers deep links such as `/clients/<id>` with a problem+json 404
 * (its WebApplicationException mapper stops Quinoa's SPA fallback), so only `/` reliably serves index.html.
 * Once the backend falls back to index.html for non-/api paths, switch to createBrowserRouter.
 */
export function App() {
  const [router] = useState(() => createHashRouter(routes));
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}

import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { takeSessionExpired, useMe } from '../api/auth';

/** Renders its children for a signed-in user; sends everyone else to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (!me.data) {
    const to = takeSessionExpired() ? '/sign-in?expired=1' : '/sign-in';
    return <Navigate to={to} replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import type { AppConfig } from '@/config';
import { composeServices } from './compose';
import { ServicesContext, type Services } from './services';
import { createAppRouter } from './router';

export function App({ config, services }: { config: AppConfig; services?: Services }) {
  const value = useMemo(() => services ?? composeServices(config), [config, services]);
  const router = useMemo(() => createAppRouter(), []);
  return (
    <ServicesContext.Provider value={value}>
      <RouterProvider router={router} />
    </ServicesContext.Provider>
  );
}

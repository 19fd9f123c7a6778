import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import type { AppConfig } from '@/config';
import { AuthProvider } from '@/features/auth/auth-provider';
import type { AuthClient } from '@/features/auth/auth-client';
import { supabaseStorageKey } from '@/features/auth/stored-session';
import { composeServices } from './compose';
import type { Services } from '@/lib/services';
import { ServicesProvider } from '@/lib/server-state';
import { createAppRouter } from './router';

export function App({ config, services }: { config: AppConfig; services?: Services }) {
  const value = useMemo(() => services ?? composeServices(config), [config, services]);
  const router = useMemo(() => createAppRouter(), []);
  // One stable loader: supabase-js loads on first need, and only in supabase data mode.
  const authClient = useMemo(
    () => (value.supabase ? async (): Promise<AuthClient> => (await value.supabase!()).auth as unknown as AuthClient : undefined),
    [value],
  );
  const { data } = value.config;
  const storageKey = data.mode === 'supabase' ? supabaseStorageKey(data.url) : undefined;
  return (
    <ServicesProvider services={value}>
      <AuthProvider client={authClient} {...(storageKey ? { storageKey } : {})}>
        <RouterProvider router={router} />
      </AuthProvider>
    </ServicesProvider>
  );
}

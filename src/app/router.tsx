import { createBrowserRouter, createMemoryRouter, Outlet, type RouteObject } from 'react-router';
import { RequireUser } from '@/features/auth/require-user';
import { Layout } from './layout';
import { RouteError } from './route-error';
// The start page is the first screen: it comes with the shell, so its first paint is the page itself.
import { HomePage } from '@/features/session/home-page';

/** Shown for the moment the first page's code is on its way (react-router's initial hydration). */
function Opening() {
  return (
    <p className="opening" aria-busy="true">
      Opening AwakNow…
    </p>
  );
}

/** Every other page loads on demand: the first load carries the shell and the start page. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    HydrateFallback: Opening,
    errorElement: <RouteError />,
    children: [
      {
        // In supabase mode every page but sign-in needs a user (a guest counts); locally everyone is the local user.
        element: (
          <RequireUser>
            <Outlet />
          </RequireUser>
        ),
        children: [
          { index: true, Component: HomePage },
          { path: 'session/:id', lazy: async () => ({ Component: (await import('@/features/session/session-page')).SessionPage }) },
          { path: 'join/:token?', lazy: async () => ({ Component: (await import('@/features/session/together/join-page')).JoinPage }) },
          { path: 'history', lazy: async () => ({ Component: (await import('@/features/history/history-page')).HistoryPage }) },
          { path: 'usage', lazy: async () => ({ Component: (await import('@/features/usage/usage-page')).UsagePage }) },
          { path: 'studio/*', lazy: async () => ({ Component: (await import('@/features/studio/studio-page')).StudioPage }) },
        ],
      },
      { path: 'sign-in', lazy: async () => ({ Component: (await import('@/features/auth/sign-in-route')).SignInRoute }) },
      { path: '*', lazy: async () => ({ Component: (await import('./not-found')).NotFound }) },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

/** `initial`: a path, or a path with the history state a navigation would have set. */
export function createTestRouter(initial: string | { pathname: string; state: unknown }) {
  return createMemoryRouter(routes, { initialEntries: [initial] });
}

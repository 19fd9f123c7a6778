import { act, render, screen } from '@testing-library/react';
import { createClient } from '@supabase/supabase-js';
import { createMemoryRouter, Outlet, RouterProvider, useLocation } from 'react-router';
import { AuthProvider, RequireUser, SignInRoute, useAuthStore, type AuthClient } from '@/features/auth';
import { readStoredSession, supabaseStorageKey } from '@/features/auth/stored-session';
import { fakeAuth, fakeSession } from './fake-auth';

const URL_OF_PROJECT = 'https://abcdefghijklmnop.supabase.co';
const KEY = supabaseStorageKey(URL_OF_PROJECT);

function Path() {
  const location = useLocation();
  return <code data-testid="where">{`${location.pathname}${location.search}`}</code>;
}

/** supabase-js still loading: the loader answers only when the test says so. */
function slowLoader() {
  let resolve!: (client: AuthClient) => void;
  const promise = new Promise<AuthClient>((r) => (resolve = r));
  const load = vi.fn(() => promise);
  return { load, arrive: (client: AuthClient) => act(async () => resolve(client)) };
}

function renderAt(path: string, load: () => Promise<AuthClient>) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <Outlet />
            <Path />
          </>
        ),
        children: [
          { path: '/sign-in', element: <SignInRoute /> },
          {
            path: '/history',
            element: (
              <RequireUser>
                <h1>History</h1>
              </RequireUser>
            ),
          },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <AuthProvider client={load} storageKey={KEY}>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

/** A session as supabase-js writes it (JSON of the session), expiring `inSeconds` from now. */
function store(inSeconds: number, id = 'user-1') {
  const session = { ...fakeSession(id), expires_at: Math.floor(Date.now() / 1000) + inSeconds };
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

beforeEach(() => {
  localStorage.clear();
  useAuthStore.getState().reset();
});

describe('the session supabase-js left in this browser, read before supabase-js loads', () => {
  it('is under the key a real supabase-js client uses for the same project', () => {
    const client = createClient(URL_OF_PROJECT, 'anon-key', { auth: { persistSession: false, autoRefreshToken: false } });
    expect((client.auth as unknown as { storageKey: string }).storageKey).toBe(KEY);
    expect(KEY).toBe('sb-abcdefghijklmnop-auth-token');
  });

  it('a stored, unexpired session shows the page at once; supabase-js confirming it keeps it there', async () => {
    const session = store(3600);
    const slow = slowLoader();
    renderAt('/history', slow.load);

    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();
    expect(screen.queryByText('Checking your sign-in…')).not.toBeInTheDocument();

    await slow.arrive(fakeAuth(session));
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();
    expect(useAuthStore.getState()).toMatchObject({ status: 'signed_in', fromStorage: false });
  });

  it('a stored session supabase-js refuses (revoked elsewhere) then sends to sign-in, coming back here', async () => {
    store(3600);
    const slow = slowLoader();
    renderAt('/history?tab=past', slow.load);
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();

    await slow.arrive(fakeAuth(null));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/sign-in?next=%2Fhistory%3Ftab%3Dpast');
  });

  it('no stored session goes straight to sign-in, before supabase-js has loaded', async () => {
    const slow = slowLoader();
    renderAt('/history', slow.load);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/sign-in?next=%2Fhistory');
    expect(screen.queryByRole('heading', { name: 'History' })).not.toBeInTheDocument();
  });

  it('an expired session waits for supabase-js: its refresh shows the page', async () => {
    store(-60);
    const slow = slowLoader();
    renderAt('/history', slow.load);
    expect(screen.getByRole('status')).toHaveTextContent('Checking your sign-in…');
    expect(screen.queryByRole('heading', { name: 'History' })).not.toBeInTheDocument();

    await slow.arrive(fakeAuth(fakeSession('user-1')));
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();
  });

  it('a session within supabase-js refresh margin (90 s) counts as expired', () => {
    store(60);
    expect(readStoredSession(KEY)).toEqual({ kind: 'expired' });
    store(3600);
    expect(readStoredSession(KEY)).toMatchObject({ kind: 'valid', session: { user: { id: 'user-1' } } });
  });

  it.each([
    ['not JSON', '{"access_token":'],
    ['JSON null', 'null'],
    ['a string', '"token"'],
    ['no refresh token', JSON.stringify({ ...fakeSession(), refresh_token: undefined })],
    ['expires_at as text', JSON.stringify({ ...fakeSession(), expires_at: 'tomorrow' })],
    ['an empty access token', JSON.stringify({ ...fakeSession(), access_token: '' })],
    ['no user', JSON.stringify({ ...fakeSession(), user: null })],
    ['a user without an id', JSON.stringify({ ...fakeSession(), user: { email: 'ada@example.com' } })],
  ])('a malformed entry (%s) shows sign-in and is left as it was', async (_label, raw) => {
    localStorage.setItem(KEY, raw);
    const slow = slowLoader();
    renderAt('/history', slow.load);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'History' })).not.toBeInTheDocument();
    expect(localStorage.getItem(KEY)).toBe(raw);
  });
});

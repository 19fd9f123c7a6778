import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { AuthProvider, RequireUser, SignInRoute, SignOutButton, useAuthStore, type AuthClient } from '@/features/auth';
import { authError, fakeAuth, fakeSession } from './fake-auth';
import { userHomeKey } from '@/lib/known-home-key';

function Where() {
  const location = useLocation();
  return <code data-testid="path">{`${location.pathname}${location.search}`}</code>;
}

function renderApp(path: string, client?: AuthClient | (() => Promise<AuthClient>)) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <>
            <h1>Home</h1>
            <Where />
          </>
        ),
      },
      {
        path: '/sign-in',
        element: (
          <>
            <SignInRoute />
            <Where />
          </>
        ),
      },
      {
        path: '/history',
        element: (
          <RequireUser>
            <h1>History</h1>
            <SignOutButton />
            <Where />
          </RequireUser>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <main>
      <AuthProvider {...(client ? { client } : {})}>
        <RouterProvider router={router} />
      </AuthProvider>
    </main>,
  );
  return router;
}

beforeEach(() => {
  useAuthStore.getState().reset();
});

describe('sign-in with an email code', () => {
  it('sends the email, refuses a bad code, then signs in and returns to the page asked for', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/history', auth);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent('/sign-in?next=%2Fhistory');

    await user.type(screen.getByLabelText('Email address'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter an email address such as name@example.com.');
    expect(auth.signInWithOtp).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Email address'));
    await user.type(screen.getByLabelText('Email address'), ' ada@example.com ');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code' }));
    expect(auth.signInWithOtp).toHaveBeenCalledWith({
      email: 'ada@example.com',
      options: { emailRedirectTo: `${window.location.origin}/sign-in?next=%2Fhistory`, shouldCreateUser: true },
    });
    expect(await screen.findByRole('status')).toHaveTextContent('We sent an email to ada@example.com.');

    await user.type(screen.getByLabelText('6-digit code'), '12345');
    await user.click(screen.getByRole('button', { name: 'Verify code' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the 6 digits from the email.');
    expect(auth.verifyOtp).not.toHaveBeenCalled();

    auth.verifyOtp.mockResolvedValueOnce({
      data: { session: null, user: null },
      error: authError('Token has expired or is invalid', 'otp_expired', 403),
    });
    await user.type(screen.getByLabelText('6-digit code'), '6');
    await user.click(screen.getByRole('button', { name: 'Verify code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That code has expired or is not right.');
    expect(auth.verifyOtp).toHaveBeenLastCalledWith({ email: 'ada@example.com', token: '123456', type: 'email' });
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Verify code' }));
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent('/history');
    expect(useAuthStore.getState()).toMatchObject({ status: 'signed_in', user: { email: 'ada@example.com' } });
  });

  it('says plainly when too many emails were sent, and stays on the email step', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    auth.signInWithOtp.mockResolvedValueOnce({
      data: {},
      error: authError('email rate limit exceeded', 'over_email_send_rate_limit', 429),
    });
    renderApp('/sign-in', auth);
    await user.type(await screen.findByLabelText('Email address'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in emails were sent. Wait a minute, then try again.');
    expect(screen.queryByLabelText('6-digit code')).not.toBeInTheDocument();
  });

  it('follows a magic link: the session supabase-js reports takes the user on', async () => {
    const auth = fakeAuth();
    renderApp('/sign-in?next=%2Fhistory', auth);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    act(() => auth.emit('SIGNED_IN', fakeSession()));
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
  });

  it('explains an expired magic link that came back with an error', async () => {
    window.location.hash = '#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired';
    try {
      renderApp('/sign-in', fakeAuth());
      expect(await screen.findByRole('alert')).toHaveTextContent('That sign-in link has expired or was already used.');
    } finally {
      window.location.hash = '';
    }
  });
});

describe('guest', () => {
  it('continues as a guest and returns to the page asked for', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/history', auth);
    await user.click(await screen.findByRole('button', { name: 'Continue as guest' }));
    expect(auth.signInAnonymously).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
  });

  it('shows why guest access failed and stays signed out', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    auth.signInAnonymously.mockResolvedValueOnce({
      data: { session: null, user: null },
      error: authError('Anonymous sign-ins are disabled', 'anonymous_provider_disabled', 422),
    });
    renderApp('/sign-in', auth);
    await user.click(await screen.findByRole('button', { name: 'Continue as guest' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Guest access is turned off for this app. Sign in with your email instead.');
    expect(useAuthStore.getState().status).toBe('signed_out');
  });

  it('never follows `next` off the app', async () => {
    const user = userEvent.setup();
    renderApp('/sign-in?next=%2F%2Fevil.example%2Fsteal', fakeAuth());
    await user.click(await screen.findByRole('button', { name: 'Continue as guest' }));
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent(/^\/$/);
  });
});

describe('the return path after sign-in', () => {
  it.each(['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/./\\evil.example', '/a/..//evil.example'])(
    'renders Continue on this app for next=%s',
    async (next) => {
      renderApp(`/sign-in?next=${encodeURIComponent(next)}`);
      const link = await screen.findByRole('link', { name: 'Continue' });
      const target = new URL(link.getAttribute('href')!, window.location.href);
      expect(target.origin).toBe(window.location.origin);
      expect(link.getAttribute('href')).toBe('/');
    },
  );
});

describe('session and guard', () => {
  it('lets a stored session straight through, and signing out sends back to sign-in', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth(fakeSession());
    renderApp('/history', auth);
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();

    auth.signOut.mockResolvedValueOnce({ error: authError('Failed to fetch', undefined, 0) });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the sign-in service.');
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent('/sign-in?next=%2Fhistory');
  });

  it('forgets the signed-out user’s kept plan and minutes, and nobody else’s', async () => {
    const user = userEvent.setup();
    const session = fakeSession();
    const mine = userHomeKey(session.user.id);
    const someoneElses = userHomeKey('00000000-0000-4000-8000-00000000beef');
    window.localStorage.setItem(mine, '{"usage":{"secondsLeft":1500}}');
    window.localStorage.setItem(someoneElses, '{"usage":{"secondsLeft":60}}');
    renderApp('/history', fakeAuth(session));
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(window.localStorage.getItem(mine)).toBeNull();
    expect(window.localStorage.getItem(someoneElses)).not.toBeNull();
    window.localStorage.removeItem(someoneElses);
  });

  it('loads the client lazily and reports a failed load', async () => {
    renderApp('/sign-in', () => Promise.reject(new Error('chunk failed')));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-in could not load (chunk failed)');
  });

  it('in local data mode lets everything through and /sign-in says no sign-in is needed', async () => {
    renderApp('/history');
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    useAuthStore.getState().reset();
    renderApp('/sign-in');
    expect(await screen.findByRole('heading', { name: 'No sign-in needed' })).toBeInTheDocument();
  });

  it('has a name for every control and no axe violations', async () => {
    const user = userEvent.setup();
    renderApp('/sign-in', fakeAuth());
    await user.type(await screen.findByLabelText('Email address'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code' }));
    await screen.findByLabelText('6-digit code');
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

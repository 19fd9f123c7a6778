export type { AuthClient, AuthFailure } from './auth-client';
export { AuthProvider, type AuthProviderProps } from './auth-provider';
export { useAuthContext, type AuthContextValue } from './auth-context';
export { useAuthStore, type AuthStatus, type AuthOutcome } from './auth-store';
export { RequireUser } from './require-user';
export { SignOutButton } from './sign-out-button';
export { SignInPage, type SignInPageProps } from './sign-in-page';
export { SignInRoute } from './sign-in-route';
export { safeNext, signInPath } from './safe-next';

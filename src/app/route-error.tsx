import { isRouteErrorResponse, useRouteError, Link } from 'react-router';

/** The error boundary of every route: a failed chunk or a thrown render says so instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Something went wrong.';
  return (
    <main className="page" role="alert">
      <h1>This page could not be shown</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the start page</Link> or reload to try again.
      </p>
    </main>
  );
}

import { Link } from 'react-router';

export function NotFound() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </section>
  );
}

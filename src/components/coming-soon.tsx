import type { ReactNode } from 'react';

/** A page whose feature is not built yet says what it will hold, rather than pretending. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <div className="notice">{children}</div>
    </section>
  );
}

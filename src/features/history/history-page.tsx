import { Link, useSearchParams } from 'react-router';
import { HistoryTable } from './history-table';
import { LoadError } from '@/components/load-error';
import { useSessionHistory } from './use-session-history';
import { JoinedSessions } from './joined-sessions';
import './history.css';

export const HISTORY_PAGE_SIZE = 20;

function pageFrom(raw: string | null): number {
  const page = Number(raw ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

const pageLink = (page: number) => (page === 1 ? '/history' : `/history?page=${page}`);

/** `/history`: every session of the user, newest first, twenty to a page. */
export function HistoryPage() {
  const [params] = useSearchParams();
  const page = pageFrom(params.get('page'));
  const { loaded, current, reload } = useSessionHistory(page, HISTORY_PAGE_SIZE);
  const here = pageLink(page);

  return (
    <section className="page history" aria-labelledby="page-title">
      <h1 id="page-title">History</h1>
      {body()}
      <JoinedSessions />
    </section>
  );

  function body() {
    if (loaded === null || ('error' in loaded && !current)) {
      return (
        <p role="status" aria-busy="true">
          Loading your sessions…
        </p>
      );
    }
    if ('error' in loaded) return <LoadError error={loaded.error} what="your sessions" here={here} onRetry={reload} />;

    const { rows, total } = loaded.result;
    const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
    if (total === 0) {
      return (
        <div className="notice">
          <p>You have no sessions yet. Each session you start is listed here, with its minutes and transcript.</p>
          <Link to="/">Start your first session</Link>
        </div>
      );
    }
    if (rows.length === 0) {
      return (
        <div className="notice">
          <p>
            There is no page {page}: your {total} session{total === 1 ? '' : 's'} fit on {pages} page{pages === 1 ? '' : 's'}.
          </p>
          <Link to={pageLink(pages)}>Go to the last page</Link>
        </div>
      );
    }
    const first = (page - 1) * HISTORY_PAGE_SIZE + 1;
    return (
      <>
        <p className="history-summary" role="status">
          {total === 1 ? 'One session.' : `Sessions ${first}–${first + rows.length - 1} of ${total}.`}
        </p>
        <HistoryTable key={page} rows={rows} busy={!current} />
        {pages > 1 && (
          <nav className="pager" aria-label="Pages of sessions">
            {page > 1 && <Link to={pageLink(Math.min(page - 1, pages))}>Newer sessions</Link>}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages && <Link to={pageLink(page + 1)}>Older sessions</Link>}
          </nav>
        )}
      </>
    );
  }
}

import { useEffect, useRef } from 'react';
import { formatClock, useCountdown } from './use-countdown';

export const WARNING_SECONDS = 60;

/**
 * Time left from the server's timestamps (started_at + max_call_duration), a warning a minute
 * before the end, and `onLimit` once when it runs out.
 */
export function CallTimer({ deadline, onLimit }: { deadline: number; onLimit: () => void }) {
  const left = useCountdown(deadline);
  const fired = useRef(false);

  useEffect(() => {
    if (left === 0 && !fired.current) {
      fired.current = true;
      onLimit();
    }
  }, [left, onLimit]);

  return (
    <div className="call-timer">
      <p className={`call-timer__clock${left <= WARNING_SECONDS ? ' call-timer__clock--warning' : ''}`}>
        Time left:{' '}
        <span role="timer" aria-label="Time left" aria-live="off">
          {formatClock(left)}
        </span>
      </p>
      {left <= WARNING_SECONDS && left > 0 && (
        <p role="alert" className="call-timer__warning">
          Less than a minute left: the session ends automatically at 0:00.
        </p>
      )}
    </div>
  );
}

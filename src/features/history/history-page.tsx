import { ComingSoon } from '@/components/coming-soon';

export function HistoryPage() {
  return (
    <ComingSoon title="History">
      <p>Your past sessions, newest first: type, persona, start, duration, minutes charged, status and transcript.</p>
    </ComingSoon>
  );
}

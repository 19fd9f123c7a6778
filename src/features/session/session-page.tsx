import { useParams } from 'react-router';
import { ComingSoon } from '@/components/coming-soon';

export function SessionPage() {
  const { id } = useParams();
  return (
    <ComingSoon title="Session">
      <p>
        The call and the summary of session <code>{id}</code> (duration, minutes charged, minutes left, transcript) will be shown here.
      </p>
    </ComingSoon>
  );
}

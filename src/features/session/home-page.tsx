import { ComingSoon } from '@/components/coming-soon';

export function HomePage() {
  return (
    <ComingSoon title="Reflect">
      <p>Choose a session type and start a reflection session with the replica shown above. Starting sessions arrives with the session journey.</p>
    </ComingSoon>
  );
}

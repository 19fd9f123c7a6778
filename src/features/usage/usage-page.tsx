import { ComingSoon } from '@/components/coming-soon';

export function UsagePage() {
  return (
    <ComingSoon title="Usage">
      <p>This period's minutes against your plan, minutes per day, and a breakdown by persona and session type.</p>
    </ComingSoon>
  );
}

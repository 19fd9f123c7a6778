import { useServices } from '@/lib/services';
import { describeError } from './describe-error';

/** A failure shown in words, announced to screen readers as it appears. */
export function ErrorAlert({ error, id }: { error: unknown; id?: string }) {
  const { config } = useServices();
  if (error === undefined || error === null) return null;
  const { title, advice, detail } = describeError(error, config.tavus.mode);
  return (
    <div role="alert" id={id} className="notice studio-error">
      <p>
        <strong>{title}</strong> {advice}
      </p>
      {detail && detail !== title && <p className="studio-hint">Detail: {detail}</p>}
    </div>
  );
}

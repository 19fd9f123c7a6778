import { useEffect, useId, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The button's accessible name, e.g. "Delete Coach". */
  label: string;
  /** What will happen, in words, asked before anything is done. */
  question: string;
  confirmLabel?: string;
  onConfirm(): unknown;
  disabled?: boolean;
}

/** A destructive action that asks first; nothing happens until the second, explicit press. */
export function ConfirmButton({ label, question, confirmLabel = 'Delete', onConfirm, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => triggerRef.current?.focus());
  };

  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className="danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby={`${id}-q`} className="studio-confirm" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <p id={`${id}-q`}>{question}</p>
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" className="secondary" disabled={busy} onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}

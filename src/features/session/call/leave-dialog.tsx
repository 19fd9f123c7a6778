import { useEffect, useRef } from 'react';

/**
 * "Leave the session?" as a modal dialog: `showModal()` gives it the backdrop, makes the rest of
 * the page inert (focus stays inside) and moves focus to "Stay in the session". Escape stays.
 */
export function LeaveDialog({ onLeave, onStay }: { onLeave: () => void; onStay: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', ''); // a DOM without dialogs (tests): still shown
    }
    stay.current?.focus();
    return () => {
      if (element.open && typeof element.close === 'function') element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      onCancel={(event) => {
        event.preventDefault(); // Escape: stay, as the safe answer
        onStay();
      }}
    >
      <h2 id="leave-title">Leave the session?</h2>
      <p id="leave-text">Leaving this page ends your session; the time used so far is charged.</p>
      <p className="call__actions">
        <button type="button" className="danger" onClick={onLeave}>
          End session and leave
        </button>{' '}
        <button ref={stay} type="button" className="secondary" onClick={onStay}>
          Stay in the session
        </button>
      </p>
    </dialog>
  );
}

/**
 * The call screen before it has a call: its heading and what it waits for. The start page shows it
 * the moment Start is pressed, while the session is reserved and the conversation created; the
 * session's page keeps it while it reads the session just started, so the screen does not change.
 */
export function CallFrame({ status }: { status: string }) {
  return (
    <section className="page call" aria-labelledby="page-title" aria-busy="true">
      <div className="call__top">
        <h1 id="page-title">Your reflection session</h1>
      </div>
      <div className="call__stage">
        <p role="status">{status}</p>
      </div>
    </section>
  );
}

import type { UserSettings } from '@/lib/db';

/**
 * Whether the replica remembers the user's earlier sessions (one Tavus memory store per user and
 * persona), and the switch. Turning it on again starts a new store: the earlier sessions stay forgotten.
 */
export function MemorySetting({
  settings,
  saving,
  onChange,
}: {
  settings: UserSettings | undefined;
  saving: boolean;
  onChange: (enabled: boolean) => void;
}) {
  if (!settings) return null;
  return (
    <section className="home__memory" aria-labelledby="memory-title">
      <h2 id="memory-title">Memory</h2>
      {settings.memoryEnabled ? (
        <p>
          <strong>Memory is on.</strong> The replica remembers what you talked about in your earlier sessions with it, and can come back to
          it.
        </p>
      ) : (
        <p>
          <strong>Memory is off.</strong> Each session starts from nothing. Turning memory on again starts afresh: the replica will not
          remember the sessions before.
        </p>
      )}
      <button type="button" className="secondary" disabled={saving} onClick={() => onChange(!settings.memoryEnabled)}>
        {settings.memoryEnabled ? 'Turn memory off' : 'Turn memory on'}
      </button>
    </section>
  );
}

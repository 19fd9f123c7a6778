import type { SettingIssue } from '@/config';

/** Shown instead of the app when a setting is wrong: nothing starts on a half-valid config. */
export function ConfigErrorScreen({ issues }: { issues: SettingIssue[] }) {
  return (
    <main className="config-error" aria-labelledby="config-error-title">
      <h1 id="config-error-title">AwakNow cannot start: {issues.length === 1 ? 'a setting is' : 'some settings are'} wrong</h1>
      <p>
        Fix the values below in your <code>.env</code> file (see <code>.env.example</code>), then restart the app.
      </p>
      <ul className="config-error__list">
        {issues.map((issue) => (
          <li key={`${issue.variable}:${issue.problem}`}>
            <h2>
              <code>{issue.variable}</code>
            </h2>
            {issue.value !== undefined && (
              <p>
                Value: <code>{issue.value}</code>
              </p>
            )}
            <p>Problem: {issue.problem}.</p>
            <p>Fix: {issue.fix}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}

import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '@/config';
import { ConfigErrorScreen } from '@/app/config-error';

function screenFor(env: Record<string, string>) {
  const result = resolveConfig(env);
  if (result.ok) throw new Error('expected bad settings');
  render(<ConfigErrorScreen issues={result.issues} />);
}

describe('the settings error page', () => {
  it('names the variable, the value, the problem and the fix', () => {
    screenFor({ VITE_TAVUS_PERSONA_ID: 'persona-1' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('AwakNow cannot start: a setting is wrong');
    const item = screen.getByRole('listitem');
    expect(within(item).getByRole('heading', { name: 'VITE_TAVUS_PERSONA_ID' })).toBeInTheDocument();
    expect(item).toHaveTextContent('Value: persona-1');
    expect(item).toHaveTextContent(/Problem: must look like p7e13c73f41f/);
    expect(item).toHaveTextContent(/Fix: Use the persona id shown in the Tavus dashboard/);
  });

  it('lists every wrong setting and hides secrets', () => {
    screenFor({ VITE_TAVUS_MODE: 'live', VITE_TAVUS_API_KEY: 'abc' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('some settings are wrong');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(document.body).not.toHaveTextContent('Value: abc');
    expect(document.body).toHaveTextContent('(3 characters, hidden)');
  });
});

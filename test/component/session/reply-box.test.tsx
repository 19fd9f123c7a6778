import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReplyBox } from '@/features/session/call/reply-box';

describe('the reply box', () => {
  it('says why it waits while the call is being joined', () => {
    render(<ReplyBox readiness="joining" disabled={false} onSend={() => undefined} />);
    expect(screen.getByLabelText('Your answer')).toHaveAccessibleDescription('You can type an answer once you have joined the call.');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('keeps the text and says so when the call refuses the answer', async () => {
    const onSend = vi.fn((text: string) => {
      throw new Error(`sendAppMessage() is only supported after join (${text.length})`);
    });
    render(<ReplyBox readiness="ready" disabled={false} onSend={onSend} />);
    await userEvent.type(screen.getByLabelText('Your answer'), 'I am here.');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('I am here.');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your answer was not sent (sendAppMessage() is only supported after join (10)). It is still in the box: try again.',
    );
    expect(screen.getByLabelText('Your answer')).toHaveValue('I am here.');
  });

  it('clears the box once the answer is handed to the call', async () => {
    const onSend = vi.fn();
    render(<ReplyBox readiness="ready" disabled={false} onSend={onSend} />);
    await userEvent.type(screen.getByLabelText('Your answer'), 'Calmer now.{Enter}');
    expect(onSend).toHaveBeenCalledWith('Calmer now.');
    expect(screen.getByLabelText('Your answer')).toHaveValue('');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

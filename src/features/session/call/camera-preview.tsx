import { useEffect, useRef, useState } from 'react';

type CameraState = 'starting' | 'on' | 'denied' | 'missing' | 'failed';

const MESSAGES: Record<Exclude<CameraState, 'on' | 'starting'>, string> = {
  denied:
    'Camera access was denied. The session works without it; to see yourself, allow the camera for this site in your browser settings, then reload.',
  missing: 'No camera was found. The session works without it: talk or type your answers.',
  failed: 'The camera could not be started (another app may be using it). The session works without it.',
};

function stateFor(error: unknown): CameraState {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  return 'failed';
}

function canAskForCamera(): boolean {
  return typeof globalThis.navigator?.mediaDevices?.getUserMedia === 'function';
}

/** The user's own camera next to the simulated replica, as the live call shows it. */
export function CameraPreview() {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>(() => (canAskForCamera() ? 'starting' : 'missing'));

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    if (!canAskForCamera()) return;
    navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(
      (granted) => {
        if (cancelled) return granted.getTracks().forEach((track) => track.stop());
        stream = granted;
        if (video.current) video.current.srcObject = granted;
        setState('on');
      },
      (error: unknown) => !cancelled && setState(stateFor(error)),
    );
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <figure className="stage__self">
      <video ref={video} className="stage__video" autoPlay muted playsInline hidden={state !== 'on'} aria-label="Your camera" />
      {state === 'starting' && <p className="stage__placeholder">Starting your camera…</p>}
      {state !== 'on' && state !== 'starting' && (
        <p role="alert" className="stage__camera-message">
          {MESSAGES[state]}
        </p>
      )}
      <figcaption>You</figcaption>
    </figure>
  );
}

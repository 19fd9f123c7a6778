export { formatDuration } from '@/utils/format-duration';

/** Minutes with one decimal where it matters: 20 s -> "0.3", 600 s -> "10". */
export function formatMinutes(seconds: number): string {
  const minutes = Math.max(0, seconds) / 60;
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

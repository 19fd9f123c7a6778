/**
 * The words of the start page's parts that load after its first paint (the open-session notice,
 * "More options"): kept apart from start-page-messages.ts, whose words ship with the first page.
 */

/** A session being started that this tab did not start. */
export const STARTING_ELSEWHERE = 'A session is being started in another tab or on another device. This page updates when it is ready.';

/** Said beside the recording choice on the start page, before any call is made. */
export const RECORDED_TEXT =
  "This session will be recorded: the video call is saved to this site's storage, and its record shows when the recording has arrived.";
export const NOT_RECORDED_TEXT = 'This session will not be recorded unless you tick the box.';

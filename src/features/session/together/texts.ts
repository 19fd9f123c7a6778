/** What the pages of a session together say; the errors' words are the error catalogue's. */
export const TOGETHER_TEXT = {
  share: (until: string) =>
    `Send this link or code to the person you want to talk with. It lets one person join, until ${until} (15 minutes) and only while this session runs.`,
  expired: 'This invite has expired: nobody joined within 15 minutes. Make a new one to invite your partner.',
  waiting: 'Waiting for your partner to join…',
  noInvite: 'There is no invite for this session yet. Give your name (the replica and your partner will see it) to make one.',
  partnerJoined: (name: string) => `${name} has joined. The replica will greet you both.`,
  copied: (what: string) => `The ${what} is copied.`,
  copyFailed: (what: string) => `The ${what} could not be copied: select it and copy it yourself.`,
  badName: 'Give a name of 1 to 60 characters, without control characters.',
  notOffered: 'Sessions together are not offered here.',
  invitedBy: (host: string) => `${host} invited you to Resolve together: a guided conversation for two people with the replica.`,
  inviteOpen: (until: string) => `The session is running. This invite works until ${until}.`,
  joinedAlready: 'You have joined this session already: join again to return to the call.',
  endedByYou: 'You ended the session, for both of you.',
  endedByHost: (host: string) => `${host} ended the session.`,
  notCharged: (host: string) => `Your minutes were not used: the session is ${host}'s, and was charged once, to them.`,
  leftNote: 'You left the call. The session goes on for the other person until they end it.',
  roomRefused:
    "The call's private room did not let you in: your invite brought no meeting token for it. Open the invite's link again and join once more.",
} as const;

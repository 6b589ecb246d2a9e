import { summarize } from './stats.js';

/** window.sanke: what tests and benchmarks read from a page. */
export function installHook(client) {
  const hook = {
    state: client.state,
    participantId: null,
    events: [],
    joinToFirstFrameMs: null,
    stats: () => summarize(client),
    remoteTracks: () => client.remoteTracks(),
    publishRemoteSdp: () => client.publishPc.remoteDescription?.sdp ?? null,
    leave: () => client.leave(),
  };
  client.addEventListener('state', (e) => {
    hook.state = e.detail.state;
    hook.participantId = client.participantId;
  });
  client.addEventListener('protocol', (e) => hook.events.push({ type: e.detail.type,
    participantId: e.detail.participantId ?? e.detail.participant?.participantId, reason: e.detail.reason }));
  window.sanke = hook;
  return hook;
}

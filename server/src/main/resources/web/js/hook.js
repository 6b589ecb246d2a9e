import { summarize } from './stats.js';

/** Opens the camera and microphone, shows the self-view, joins and publishes; failures become the page's state. */
export async function startWithCamera(client, hook, showError) {
  try {
    if (!['teacher', 'classroom'].includes(client.role)) {
      document.getElementById('self').hidden = true;
      await client.start(null); // receive-only roles send nothing
      return;
    }
    const stream = await openCamera();
    document.getElementById('self').srcObject = stream;
    await client.start(stream);
  } catch (error) {
    console.error(error);
    hook.state = 'error';
    showError(error);
  }
}

/** An error a page explains in its own words: describeError looks {@code code} up in the translation table. */
function explained(code, cause) {
  return Object.assign(new Error(cause?.message ?? code), { code, cause });
}

/**
 * The camera and microphone, or an error that says what to do: browsers give them only to HTTPS pages (and
 * localhost), and each refusal has its own remedy.
 */
export async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw explained(window.isSecureContext ? 'no_media_devices' : 'needs_https');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
  } catch (error) {
    const code = {
      NotAllowedError: 'camera_refused', SecurityError: 'camera_refused', NotFoundError: 'no_camera',
      NotReadableError: 'camera_busy', AbortError: 'camera_busy', OverconstrainedError: 'no_camera',
    }[error.name];
    throw code ? explained(code, error) : error;
  }
}

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
    /** m-sections of the latest subscribe offer, and the browser's transceivers for them (churn tests). */
    subscribeSections: () => (client.subscribePc.remoteDescription?.sdp.match(/^m=/gm) ?? []).length,
    subscribeTransceivers: () => client.subscribePc.getTransceivers().length,
    /** Subscribe answers the server refused (it then sends a fresh offer). */
    subscribeRefusals: () => client.refusedAnswers ?? 0,
    leave: () => client.leave(),
    endLesson: () => client.endLesson(),
    raiseHand: () => client.raiseHand(),
    stage: (participantId, on) => client.stage(participantId, on),
    chat: (text) => client.chat(text),
    requestMute: (participantId) => client.requestMute(participantId),
    reportProblem: (text) => client.reportProblem(text),
    microphoneOn: () => client.microphoneOn !== false,
    setMicrophone: (on) => client.setMicrophone(on),
    lock: (feature, on) => client.lock(feature, on),
    moderate: (participantId, action) => client.moderate(participantId, action),
    pause: (on) => client.pause(on),
    interaction: (on) => client.interaction(on),
    cutOff: (options) => client.cutOff(options),
    controls: () => client.controls ?? null,
    waitingRoom: (on) => client.waitingRoom(on),
    report: (fields) => client.report(fields),
    admit: (waitingId, yes) => client.admit(waitingId, yes),
    /** Why the client failed, when its state is 'error' (a failed subscribe negotiation, say). */
    error: () => (client.error ? `${client.error.code ?? ''} ${client.error.message ?? client.error}` : null),
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

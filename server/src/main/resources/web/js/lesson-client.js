import { Signaling } from './signaling.js';
import { personalGrant } from './access.js';

/** The server's close code when a newer connection took this one's seat with its rejoin token. */
const CLOSE_REPLACED = 4001;
/** The person signed out (here or in another tab), or the invitation this page came with was withdrawn. */
const CLOSE_SIGNED_OUT = 4005;
const CLOSE_GRANT_REVOKED = 4006;
const RTC_CONFIG = { iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };

/**
 * One participant in a lesson: joins, publishes its camera and microphone on the publish connection, and
 * receives the others on the subscribe connection, which the server renegotiates as tracks come and go.
 * Events: 'participant-media' {participantId, name, role, kind, source, stream} (source: camera, microphone or
 * screen; a screen share has a stream of its own), 'media-ended' {participantId, kind, source},
 * 'participant-left' {participantId, role, reason}, 'state' {state}, 'protocol' {message}.
 */
export class LessonClient extends EventTarget {
  state = 'connecting';
  participantId = null;
  lesson = null;
  /** Every mid ever offered on the subscribe connection: {participantId, kind, name}. */
  tracksByMid = new Map();
  /** Every track received, by mid; kept after it ends (the browser drops stopped transceivers). */
  #receivedByMid = new Map();
  #streams = new Map();
  #offers = Promise.resolve();
  #publishing = Promise.resolve();
  /** Mids of the tracks the latest subscribe offer carries. */
  #activeMids = new Set();
  #screen = null;

  constructor({ lessonId, role, name, url, videoCodec, classroomId, deviceToken, grant }) {
    super();
    this.deviceToken = deviceToken;
    /** An invitation from the page's link; without one (and without a device token) the signed-in person's own. */
    this.grant = grant ?? new URLSearchParams(location.search).get('grant') ?? undefined;
    /** The classroom a terminal joins as (timetabled lessons need it). */
    this.classroomId = classroomId;
    /** e.g. "H264": publish video only with that codec, when the browser has it. */
    this.videoCodec = videoCodec;
    this.lessonId = lessonId;
    this.role = role;
    this.name = name;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.signaling = new Signaling(url ?? `${scheme}//${location.host}/ws`);
    this.publishPc = new RTCPeerConnection(RTC_CONFIG);
    this.subscribePc = new RTCPeerConnection(RTC_CONFIG);
    this.subscribePc.ontrack = (event) => this.#onTrack(event);
  }

  /**
   * Connects, joins and publishes {@code localStream} (none for receive-only roles: observer, learner, inspector);
   * resolves when the server has answered the publish offer, or at once after joining when there is nothing to send.
   */
  async start(localStream) {
    this.signaling.addEventListener('subscribeOffer', (e) => {
      this.#offers = this.#offers.then(() => this.#onSubscribeOffer(e.detail)).catch((err) => this.#fail(err));
    });
    for (const type of ['participantJoined', 'participantLeft', 'handQueue', 'stageChanged', 'chat',
      'muteRequested', 'problemReported', 'qualityReport', 'question', 'questionAnswered', 'lessonEnded',
      'controls', 'removed', 'waiting', 'waitingRoom', 'recording']) {
      this.signaling.addEventListener(type, (e) => this.#onEvent(e.detail));
    }
    this.signaling.addEventListener('close', (e) => {
      if (e.detail.code === CLOSE_REPLACED) {
        // This seat was taken back by a newer connection (another tab, or this device after a drop): not a drop.
        this.#setState('replaced');
      } else if (e.detail.code === CLOSE_SIGNED_OUT || e.detail.code === CLOSE_GRANT_REVOKED) {
        this.#setState(e.detail.code === CLOSE_SIGNED_OUT ? 'signed-out' : 'grant-revoked');
      } else if (this.state !== 'left' && this.state !== 'ended') {
        this.#setState('disconnected');
      }
      this.dispatchEvent(new CustomEvent('closed', { detail: e.detail }));
    });
    // A person's grant lasts minutes: asked for before every join, before the socket opens.
    const grant = this.deviceToken ? undefined : this.grant ?? await personalGrant(this.lessonId, this.role);
    await this.signaling.connect();
    const join = { lessonId: this.lessonId, role: this.role, name: this.name };
    if (this.classroomId) join.classroomId = this.classroomId;
    if (this.deviceToken) join.deviceToken = this.deviceToken;
    if (grant) join.grant = grant;
    // After a drop the server may not have noticed yet: the token of this tab's last join takes its seat back.
    const rejoinKey = `sanke.rejoin.${this.lessonId}.${this.role}`;
    const rejoinToken = sessionStorage.getItem(rejoinKey);
    if (rejoinToken) join.rejoinToken = rejoinToken;
    const joined = await this.signaling.request('join', join);
    sessionStorage.setItem(rejoinKey, joined.rejoinToken);
    this.participantId = joined.participantId;
    this.lesson = joined.lesson;
    this.others = joined.participants;
    /** The lesson's questions so far (Q&A); 'question' and 'question-answered' events follow. */
    this.questions = joined.questions ?? [];
    /** Whether the lesson is being recorded (S17): pages say so plainly; 'recording' events follow. */
    this.recording = !!joined.recording;
    this.dispatchEvent(new CustomEvent('recording', { detail: { on: this.recording } }));
    this.#setState('joined');
    if (localStream) {
      await this.publish(localStream);
    }
    this.#setState('live');
  }

  /**
   * Sends a camera and microphone: at the start for a teacher or classroom, or when an observer teacher is
   * brought on stage. Resolves when the server has answered.
   */
  publish(localStream) {
    for (const track of localStream.getTracks()) {
      const transceiver = this.publishPc.addTransceiver(track, { direction: 'sendonly', streams: [localStream] });
      if (track.kind === 'video' && this.videoCodec) {
        this.#preferCodec(transceiver, this.videoCodec);
      }
    }
    return this.#negotiatePublish();
  }

  /** Stops sending anything (an observer taken off stage); a later publish starts a new connection. */
  stopPublishing() {
    for (const sender of this.publishPc.getSenders()) sender.track?.stop();
    this.publishPc.close();
    this.publishPc = new RTCPeerConnection(RTC_CONFIG);
    this.#screen = null;
  }

  /** Teacher only: adds a screen share (a video track from getDisplayMedia) beside the camera. */
  shareScreen(stream) {
    const track = stream.getVideoTracks()[0];
    this.#screen = this.publishPc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    // The browser's own "stop sharing" ends the track.
    track.addEventListener('ended', () => this.stopScreen().catch((error) => console.error(error)));
    return this.#negotiatePublish();
  }

  get sharingScreen() {
    return this.#screen !== null;
  }

  stopScreen() {
    if (!this.#screen) return Promise.resolve();
    this.#screen.sender.track?.stop();
    this.#screen.stop();
    this.#screen = null;
    return this.#negotiatePublish();
  }

  /** One offer/answer on the publish connection at a time. */
  #negotiatePublish() {
    const run = async () => {
      const offer = await this.publishPc.createOffer();
      await this.publishPc.setLocalDescription(offer);
      const request = { sdp: offer.sdp };
      if (this.#screen?.mid) request.screenMid = this.#screen.mid;
      const answer = await this.signaling.request('publish', request);
      await this.publishPc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    };
    this.#publishing = this.#publishing.catch(() => {}).then(run);
    return this.#publishing;
  }

  async leave() {
    if (this.state === 'left') return;
    this.#setState('left');
    try {
      await this.signaling.request('leave');
    } catch {
      // closing anyway
    }
    this.signaling.close();
    // The camera and microphone go off with the lesson: nobody should see its light still on.
    for (const sender of this.publishPc.getSenders()) sender.track?.stop();
    this.publishPc.close();
    this.subscribePc.close();
  }

  /** Teacher only: ends the lesson for everyone. */
  endLesson() {
    return this.signaling.request('endLesson');
  }

  raiseHand() {
    return this.signaling.request('raiseHand');
  }

  lowerHand() {
    return this.signaling.request('lowerHand');
  }

  /** Teacher only: bring a classroom on stage (everyone sees and hears it) or take it off. */
  stage(participantId, on) {
    return this.signaling.request('stage', { participantId, on });
  }

  chat(text) {
    return this.signaling.request('chat', { text });
  }

  reportQuality(sample) {
    return this.signaling.request('quality', sample);
  }

  /** A question for the teacher, apart from the chat. */
  ask(text) {
    return this.signaling.request('ask', { text });
  }

  /** Teacher only: mark a question answered. */
  markAnswered(questionId) {
    return this.signaling.request('markAnswered', { questionId });
  }

  /** Teacher only: ask a classroom to mute its microphone. */
  requestMute(participantId) {
    return this.signaling.request('muteRequest', { participantId });
  }

  /** Teacher and safety staff: a lock on or off (joins, video, voice, screen_share, annotation, file_share, text). */
  lock(feature, on) {
    return this.signaling.request('lock', { feature, on });
  }

  /** Teacher and safety staff: mute, unmute, stop_video, allow_video, remove, ban or off_stage one participant. */
  moderate(participantId, action) {
    return this.signaling.request('moderate', { participantId, action });
  }

  /** Teacher and safety staff, one key: hold all media (the lesson stays open), or let it go. */
  pause(on) {
    return this.signaling.request('pause', { on });
  }

  /** Teacher and safety staff, one key: chat, questions, hands and classroom microphones on or off. */
  interaction(on) {
    return this.signaling.request('interaction', { on });
  }

  /** Safety staff: cut off one participant's streams (or the whole lesson without participantId), or lift it. */
  cutOff({ participantId, on, reason }) {
    return this.signaling.request('cutOff', { ...(participantId ? { participantId } : {}), on,
      ...(reason ? { reason } : {}) });
  }

  /** Teacher and safety staff: the waiting room on or off (off lets everyone waiting in). */
  waitingRoom(on) {
    return this.signaling.request('waitingRoom', { on });
  }

  /** Teacher and safety staff: let one waiting page in, or not. */
  admit(waitingId, yes) {
    return this.signaling.request(yes ? 'admit' : 'deny', { waitingId });
  }

  /** Anyone: a report to safety staff about a stream (with a still frame), a message or a person. */
  report({ kind, participantId, reason, text, frame }) {
    return this.signaling.request('report', { kind, participantId, reason, ...(text ? { text } : {}),
      ...(frame ? { frame } : {}) });
  }

  /** A classroom tells the teacher something is wrong. */
  reportProblem(text) {
    return this.signaling.request('problem', { text });
  }

  /** The room's own microphone, on or off (the assistant teacher's control). */
  setMicrophone(on) {
    for (const sender of this.publishPc.getSenders()) {
      if (sender.track?.kind === 'audio') sender.track.enabled = on;
    }
    this.microphoneOn = on;
  }

  /** What the subscribe connection receives, by mid, with each track's state. */
  remoteTracks() {
    const result = [];
    for (const [mid, track] of this.#receivedByMid) {
      const info = this.tracksByMid.get(mid);
      result.push({ mid, participantId: info.participantId, kind: info.kind, source: info.source,
        readyState: track.readyState, muted: track.muted, active: this.#activeMids.has(mid) });
    }
    return result;
  }

  async #onSubscribeOffer(message) {
    const active = new Set();
    for (const track of message.tracks) {
      this.tracksByMid.set(track.mid, track);
      active.add(track.mid);
    }
    const ended = [...this.#activeMids].filter((mid) => !active.has(mid));
    this.#activeMids = active;
    await this.subscribePc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
    const answer = await this.subscribePc.createAnswer();
    await this.subscribePc.setLocalDescription(answer);
    try {
      await this.signaling.request('subscribeAnswer', { version: message.version, sdp: answer.sdp });
    } catch (error) {
      // A refused answer is not the end: the server resets its side and sends a fresh offer, answered in turn.
      if (['sdp_invalid', 'sdp_unsupported', 'stale_version'].includes(error.code)) {
        console.warn('sanke: subscribe answer refused, waiting for the next offer:', error.code, error.message);
        this.refusedAnswers = (this.refusedAnswers ?? 0) + 1;
        return;
      }
      throw error;
    }
    // Sections rejected by this offer (their track went away) have ended their tracks: drop emptied streams.
    for (const [key, stream] of this.#streams) {
      if (stream.getTracks().every((t) => t.readyState === 'ended')) {
        this.#streams.delete(key);
      }
    }
    for (const mid of ended) {
      const { participantId, kind, source } = this.tracksByMid.get(mid);
      this.dispatchEvent(new CustomEvent('media-ended', { detail: { participantId, kind, source } }));
    }
  }

  #preferCodec(transceiver, name) {
    const codecs = RTCRtpSender.getCapabilities('video')?.codecs ?? [];
    const wanted = codecs.filter((c) => c.mimeType.toLowerCase() === `video/${name.toLowerCase()}`);
    if (wanted.length === 0) {
      throw new Error(`this browser cannot send ${name}`);
    }
    transceiver.setCodecPreferences([...wanted, ...codecs.filter((c) => c.mimeType === 'video/rtx')]);
  }

  #onTrack(event) {
    const info = this.tracksByMid.get(event.transceiver.mid);
    if (!info) return; // the anchor section carries no track
    this.#receivedByMid.set(event.transceiver.mid, event.track);
    const key = info.source === 'screen' ? `${info.participantId}:screen` : info.participantId;
    let stream = this.#streams.get(key);
    if (!stream) {
      stream = new MediaStream();
      this.#streams.set(key, stream);
    }
    stream.addTrack(event.track);
    this.dispatchEvent(new CustomEvent('participant-media', { detail: { participantId: info.participantId,
      name: info.name, role: info.role, kind: info.kind, source: info.source, stream } }));
  }

  #onEvent(message) {
    this.dispatchEvent(new CustomEvent('protocol', { detail: message }));
    if (message.type === 'participantLeft') {
      this.#streams.delete(message.participantId);
      this.#streams.delete(`${message.participantId}:screen`);
      this.dispatchEvent(new CustomEvent('participant-left', { detail: message }));
    } else if (message.type === 'participantJoined') {
      this.dispatchEvent(new CustomEvent('participant-joined', { detail: message.participant }));
    } else if (message.type === 'handQueue') {
      this.dispatchEvent(new CustomEvent('hand-queue', { detail: message.participantIds }));
    } else if (message.type === 'stageChanged') {
      this.dispatchEvent(new CustomEvent('stage-changed', { detail: message }));
    } else if (message.type === 'chat') {
      this.dispatchEvent(new CustomEvent('chat', { detail: message }));
    } else if (message.type === 'muteRequested') {
      this.setMicrophone(false);
      this.dispatchEvent(new CustomEvent('mute-requested', { detail: message }));
    } else if (message.type === 'problemReported') {
      this.dispatchEvent(new CustomEvent('problem-reported', { detail: message }));
    } else if (message.type === 'lessonEnded') {
      // The teacher ended it or its time is over: not a drop, so nobody reconnects.
      this.#setState('ended');
      this.endReason = message.reason;
      this.signaling.close();
      this.publishPc.close();
      this.subscribePc.close();
    } else if (message.type === 'question') {
      this.dispatchEvent(new CustomEvent('question', { detail: message.question }));
    } else if (message.type === 'questionAnswered') {
      this.dispatchEvent(new CustomEvent('question-answered', { detail: message }));
    } else if (message.type === 'controls') {
      // What the server holds of ours, and the lesson's locks: the server enforces them, the page only shows them.
      this.controls = message;
      this.dispatchEvent(new CustomEvent('controls', { detail: message }));
    } else if (message.type === 'recording') {
      this.recording = !!message.on;
      this.dispatchEvent(new CustomEvent('recording', { detail: { on: this.recording } }));
    } else if (message.type === 'waiting') {
      this.#setState('waiting-room'); // held at the door until the teacher lets this page in
    } else if (message.type === 'waitingRoom') {
      this.dispatchEvent(new CustomEvent('waiting-room', { detail: message }));
    } else if (message.type === 'removed') {
      this.endReason = message.reason;
      this.#setState('removed');
    } else if (message.type === 'qualityReport') {
      this.dispatchEvent(new CustomEvent('quality-report', { detail: message }));
    }
  }

  #fail(error) {
    console.error('sanke:', error);
    this.error = error;
    this.#setState('error');
  }

  #setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
  }
}

import { LessonClient } from './lesson-client.js';
import { installHook, startWithCamera } from './hook.js';
import { describeError, t, translatePage } from './i18n.js';
import { reportQuality } from './quality.js';
import { StageView, attachHandButton } from './stage-view.js';
import { attachDeviceCheck } from './device-check.js';
import { enableRemoteKeys } from './remote-keys.js';
import { attachChat } from './chat.js';
import { showRecording } from './recording-badge.js';

const params = new URLSearchParams(location.search);
// The audience (observer teachers, learners) has a page of its own.
if (['observer', 'learner'].includes(params.get('role'))) {
  location.replace(`observer.html${location.search}`);
  throw new Error('moved to the observer page');
}
translatePage();

/** A paired terminal's credential, from this device's storage (never from the address), for the room it names. */
function deviceToken() {
  const paired = JSON.parse(localStorage.getItem('sanke.terminal') ?? 'null');
  if (paired && paired.classroomId === params.get('classroomId')) return paired.deviceToken;
  return params.get('deviceToken') ?? undefined;
}

// The big-screen page of a receiving classroom (also an inspector's view with ?role=inspector).
const client = new LessonClient({ lessonId: params.get('lesson') ?? 'demo', role: params.get('role') ?? 'classroom',
  name: params.get('name') ?? 'Classroom', videoCodec: params.get('videoCodec') ?? undefined,
  classroomId: params.get('classroomId') ?? undefined, deviceToken: deviceToken() });
showRecording(client, document.getElementById('recording'));
const hook = installHook(client);
// Opened by hand (not inside a terminal, which handles it): after a network drop or a server restart, join again.
const view = new StageView(client, hook, { reconnect: window.parent === window });
const showStatus = (text) => view.showStatus(text);
attachHandButton(client, document.getElementById('hand'));

// The assistant teacher's local controls.
document.getElementById('controls').hidden = client.role !== 'classroom';
const micButton = document.getElementById('mic');
function showMicrophone() {
  micButton.textContent = client.microphoneOn === false ? t('micOff') : t('micOn');
  micButton.classList.toggle('up', client.microphoneOn === false);
}
micButton.addEventListener('click', () => {
  client.setMicrophone(client.microphoneOn === false);
  showMicrophone();
});
client.addEventListener('mute-requested', () => {
  showMicrophone();
  showStatus(t('mutedByTeacher'));
  setTimeout(() => showStatus(''), 4000);
});
for (const [id, key] of [['problem-no-sound', 'noSound'], ['problem-frozen', 'frozen']]) {
  document.getElementById(id).addEventListener('click', () => client.reportProblem(t(key)).then(() => {
    showStatus(t('problemSent'));
    setTimeout(() => showStatus(''), 4000);
  }, (error) => showStatus(describeError(error))));
}
// What the room sees at the top of its screen, large enough for the back row: the lesson, who teaches it and from
// which school, and the lesson's state (waiting, live, teacher away, ended).
const lessonInfo = document.getElementById('lesson-info');
const lessonState = document.getElementById('lesson-state');
const from = params.get('from');
let teacherName = null;
let teacherId = null;
function showLesson() {
  if (!client.lesson) return;
  lessonInfo.textContent = [client.lesson.title, teacherName && `${t('teacher')}: ${teacherName}`,
    from && `${t('from')} ${from}`].filter(Boolean).join(' · ');
}
function showState(state) {
  lessonState.dataset.state = state;
  lessonState.textContent = t({ waiting: 'waitingTeacher', live: 'live', away: 'teacherLeft', ended: 'ended',
    connecting: 'connecting', offline: 'reconnecting' }[state]);
}
client.addEventListener('state', (e) => {
  const state = e.detail.state;
  if (state === 'joined') {
    const teacher = client.others?.find((p) => p.role === 'teacher');
    teacherName = teacher?.name ?? null;
    teacherId = teacher?.participantId ?? teacher?.id ?? null;
    showLesson();
    showState(teacher ? 'live' : 'waiting');
  } else if (state === 'ended' || state === 'left') {
    showState('ended');
  } else if (state === 'disconnected' || state === 'error') {
    showState('offline');
  }
});
client.addEventListener('participant-joined', (e) => {
  if (e.detail.role === 'teacher') {
    teacherName = e.detail.name;
    teacherId = e.detail.participantId;
    showLesson();
    showState('live');
  }
});
client.addEventListener('participant-media', (e) => {
  if (e.detail.role === 'teacher' || !e.detail.role) showState('live');
});
client.addEventListener('participant-left', (e) => {
  if (e.detail.participantId === teacherId && lessonState.dataset.state !== 'ended') showState('away');
});
// What the server holds of this room (it enforces it; the page only explains it), in a notice that stays.
const notice = document.getElementById('notice');
function showNotice(text) {
  notice.textContent = text;
  notice.hidden = !text;
}
client.addEventListener('controls', (e) => {
  const c = e.detail;
  const text = c.cutOff ? `${t('cutOffByStaff')}: ${c.cutOff}` : c.paused ? t('lessonPaused')
    : !c.interaction ? t('interactionOffNotice') : c.held.microphone ? t('heldMicrophone')
      : c.held.camera ? t('heldCamera') : '';
  showNotice(text);
});
client.addEventListener('state', (e) => {
  if (e.detail.state === 'removed') {
    showNotice(t('removedFromLesson'));
    showState('ended');
  }
});
// The lesson's chat, where the teacher's messages reach the room (an inspector watches and writes nothing).
document.getElementById('chat-panel').hidden = client.role !== 'classroom';
attachChat(client, document.getElementById('chat'), document.getElementById('chat-form'));
// A report to safety staff about what the teacher's stream shows, with the picture as this room sees it.
document.getElementById('report-stream').addEventListener('click', async () => {
  if (!view.teacherId) return;
  const reason = window.prompt(t('reportReason'));
  if (!reason || !reason.trim()) return;
  try {
    await client.report({ kind: 'stream', participantId: view.teacherId, reason: reason.trim().slice(0, 200),
      frame: stillFrame(document.getElementById('teacher')) });
    showStatus(t('reportSent'));
    setTimeout(() => showStatus(''), 4000);
  } catch (error) {
    showStatus(describeError(error));
  }
});

/** The picture a video element shows now, reduced to a small JPEG (the server keeps at most 48 KiB). */
function stillFrame(video) {
  if (!video.videoWidth) return undefined;
  const canvas = Object.assign(document.createElement('canvas'), { width: 320,
    height: Math.round(320 * video.videoHeight / video.videoWidth) });
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.7);
}

attachDeviceCheck();
enableRemoteKeys();

reportQuality(client);
await startWithCamera(client, hook, (error) => showStatus(describeError(error)));

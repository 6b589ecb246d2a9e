import { LessonClient } from './lesson-client.js';
import { installHook, startWithCamera } from './hook.js';
import { t, translatePage } from './i18n.js';
import { reportQuality } from './quality.js';
import { attachChat } from './chat.js';

translatePage();

const params = new URLSearchParams(location.search);
// The big-screen page also serves the receive-only roles: ?role=observer, learner or inspector.
const client = new LessonClient({ lessonId: params.get('lesson') ?? 'demo', role: params.get('role') ?? 'classroom',
  name: params.get('name') ?? 'Classroom', videoCodec: params.get('videoCodec') ?? undefined,
  classroomId: params.get('classroomId') ?? undefined, deviceToken: params.get('deviceToken') ?? undefined });
const hook = installHook(client);
const status = document.getElementById('status');
const teacherVideo = document.getElementById('teacher');
const stageStrip = document.getElementById('on-stage');
const handButton = document.getElementById('hand');
const stagedTiles = new Map();
let teacherId = null;
let handUp = false;

function showStatus(text) {
  status.textContent = text;
  status.hidden = !text;
}

client.addEventListener('state', (e) => {
  const state = e.detail.state;
  if (state === 'live') {
    showStatus(teacherId ? '' : t('waitingTeacher'));
  } else {
    showStatus(t(state));
  }
});

/** Another classroom the teacher brought on stage: a tile beside the teacher. */
function showStaged({ participantId, name, stream }) {
  let tile = stagedTiles.get(participantId);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'tile';
    tile.innerHTML = '<video autoplay playsinline></video><figcaption></figcaption>';
    tile.querySelector('figcaption').textContent = name;
    stageStrip.append(tile);
    stagedTiles.set(participantId, tile);
  }
  const video = tile.querySelector('video');
  if (video.srcObject !== stream) video.srcObject = stream;
}

client.addEventListener('participant-media', (e) => {
  if (e.detail.role && e.detail.role !== 'teacher') {
    showStaged(e.detail);
    return;
  }
  teacherId = e.detail.participantId;
  if (teacherVideo.srcObject !== e.detail.stream) {
    teacherVideo.srcObject = e.detail.stream;
  }
  if (e.detail.kind === 'video' && hook.joinToFirstFrameMs === null) {
    measureFirstFrame(e.detail.participantId);
  }
  showStatus('');
});

/** Join to first decoded frame, as WebRTC counts frames: polled every 10 ms until the first one. */
async function measureFirstFrame(participantId) {
  while (hook.joinToFirstFrameMs === null && client.state !== 'left') {
    const { inbound } = await hook.stats();
    if (inbound.some((s) => s.participantId === participantId && s.kind === 'video' && s.framesDecoded > 0)) {
      hook.joinToFirstFrameMs = performance.now() - client.signaling.openedAt;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Opened by hand (not inside a terminal, which handles it): after a network drop or a server restart, join again.
client.addEventListener('state', (e) => {
  if (e.detail.state === 'disconnected' && window.parent === window) {
    showStatus(t('offline'));
    setTimeout(() => location.reload(), 5000);
  }
});

client.addEventListener('stage-changed', (e) => {
  if (!e.detail.on) {
    stagedTiles.get(e.detail.participantId)?.remove();
    stagedTiles.delete(e.detail.participantId);
  }
});

client.addEventListener('hand-queue', (e) => {
  handUp = e.detail.includes(client.participantId);
  handButton.textContent = handUp ? t('lowerHand') : t('raiseHand');
  handButton.classList.toggle('up', handUp);
});

handButton.addEventListener('click', () => (handUp ? client.lowerHand() : client.raiseHand())
  .catch((error) => console.error(error)));

client.addEventListener('participant-left', (e) => {
  stagedTiles.get(e.detail.participantId)?.remove();
  stagedTiles.delete(e.detail.participantId);
  if (e.detail.participantId === teacherId) {
    teacherId = null;
    teacherVideo.srcObject = null;
    showStatus(t('teacherLeft'));
  }
});

// The assistant teacher's local controls (a classroom), or the chat and questions (observers, learners).
document.getElementById('controls').hidden = client.role !== 'classroom';
document.getElementById('audience').hidden = !['observer', 'learner'].includes(client.role);
attachChat(client, document.getElementById('chat'), document.getElementById('chat-form'));
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
  document.getElementById(id).addEventListener('click',
    () => client.reportProblem(t(key)).catch((error) => console.error(error)));
}
reportQuality(client);
await startWithCamera(client, hook, (error) => showStatus(`${t('error')}: ${error.code ?? ''} ${error.message}`));

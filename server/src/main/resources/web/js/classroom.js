import { LessonClient } from './lesson-client.js';
import { installHook, startWithCamera } from './hook.js';
import { t } from './i18n.js';

const params = new URLSearchParams(location.search);
// The big-screen page also serves the receive-only roles: ?role=observer, learner or inspector.
const client = new LessonClient({ lessonId: params.get('lesson') ?? 'demo', role: params.get('role') ?? 'classroom',
  name: params.get('name') ?? 'Classroom', videoCodec: params.get('videoCodec') ?? undefined });
const hook = installHook(client);
const status = document.getElementById('status');
const teacherVideo = document.getElementById('teacher');
let teacherId = null;

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

client.addEventListener('participant-media', (e) => {
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

client.addEventListener('participant-left', (e) => {
  if (e.detail.participantId === teacherId) {
    teacherId = null;
    teacherVideo.srcObject = null;
    showStatus(t('teacherLeft'));
  }
});

await startWithCamera(client, hook, (error) => showStatus(`${t('error')}: ${error.code ?? ''} ${error.message}`));

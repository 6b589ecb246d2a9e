import { LessonClient } from './lesson-client.js';
import { installHook, openCamera } from './hook.js';
import { describeError, t, translatePage } from './i18n.js';
import { reportQuality } from './quality.js';
import { attachChat } from './chat.js';
import { attachQuestions } from './questions.js';
import { StageView, attachHandButton } from './stage-view.js';
import { showRecording } from './recording-badge.js';

translatePage();

// The audience's page: an observer teacher of a master-teacher lesson (who may be brought on stage to speak), or a
// learner of an open lesson (who asks in text).
const params = new URLSearchParams(location.search);
const client = new LessonClient({ lessonId: params.get('lesson') ?? 'demo', role: params.get('role') ?? 'observer',
  name: params.get('name') ?? 'Observer', videoCodec: params.get('videoCodec') ?? undefined });
showRecording(client, document.getElementById('recording'));
const hook = installHook(client);
const handButton = document.getElementById('hand');
const selfView = document.getElementById('self');
const stageNote = document.getElementById('stage-note');
const view = new StageView(client, hook, { reconnect: true });
const showStatus = (text) => view.showStatus(text);
attachHandButton(client, handButton);

// Which lesson this is, and who teaches it.
const lessonInfo = document.getElementById('lesson-info');
function showLesson(teacherName) {
  if (client.lesson) {
    lessonInfo.textContent = teacherName ? `${client.lesson.title} · ${t('teacher')}: ${teacherName}`
      : client.lesson.title;
  }
}
client.addEventListener('state', (e) => {
  if (e.detail.state === 'joined') showLesson(client.others?.find((p) => p.role === 'teacher')?.name);
});
client.addEventListener('participant-joined', (e) => {
  if (e.detail.role === 'teacher') showLesson(e.detail.name);
});

/** On stage, the camera and microphone go to everyone; off stage, they stop. */
async function followStage(on) {
  stageNote.hidden = !on;
  selfView.hidden = !on;
  if (!on) {
    client.stopPublishing();
    selfView.srcObject = null;
    return;
  }
  try {
    const stream = await openCamera();
    selfView.srcObject = stream;
    await client.publish(stream);
  } catch (error) {
    console.error(error);
    showStatus(describeError(error));
  }
}

client.addEventListener('mute-requested', () => {
  showStatus(t('mutedYou'));
  setTimeout(() => showStatus(''), 4000);
});

client.addEventListener('stage-changed', (e) => {
  if (e.detail.participantId === client.participantId) {
    followStage(e.detail.on);
  }
});

attachChat(client, document.getElementById('chat'), document.getElementById('chat-form'));
attachQuestions(client, document.getElementById('questions'), { form: document.getElementById('chat-form'),
  askButton: document.getElementById('ask') });
reportQuality(client);
try {
  await client.start(null);
  // Only an observer teacher in a master-teacher lesson may speak (the server refuses anyone else).
  handButton.hidden = !(client.role === 'observer' && client.lesson?.mode === 'master_teacher');
} catch (error) {
  console.error(error);
  hook.state = 'error';
  showStatus(describeError(error));
}

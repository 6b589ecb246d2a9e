import { LessonClient } from './lesson-client.js';
import { installHook, startWithCamera } from './hook.js';
import { describeError, t, translatePage } from './i18n.js';
import { reportQuality } from './quality.js';
import { StageView, attachHandButton } from './stage-view.js';

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
// What the room sees at the top of its screen: the lesson and who teaches it.
const lessonInfo = document.getElementById('lesson-info');
let teacherName = null;
function showLesson() {
  if (!client.lesson) return;
  lessonInfo.textContent = teacherName ? `${client.lesson.title} · ${t('teacher')}: ${teacherName}`
    : client.lesson.title;
}
client.addEventListener('state', (e) => {
  if (e.detail.state === 'joined') {
    teacherName = client.others?.find((p) => p.role === 'teacher')?.name ?? null;
    showLesson();
  }
});
client.addEventListener('participant-joined', (e) => {
  if (e.detail.role === 'teacher') {
    teacherName = e.detail.name;
    showLesson();
  }
});

reportQuality(client);
await startWithCamera(client, hook, (error) => showStatus(describeError(error)));

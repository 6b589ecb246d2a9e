import { t, translatePage } from './i18n.js';

// A classroom terminal (a rural room's big screen): it follows its timetable by itself. It shows the next lesson,
// joins when the lesson opens, rejoins after a network drop or a server restart, and leaves when it ends. Nobody
// at the teaching point clicks anything. URL: terminal.html?classroom=ID&name=NAME&token=DEVICE_TOKEN; the token
// is given once (when the classroom is created), kept on the device, and removed from the address bar.
translatePage();
const params = new URLSearchParams(location.search);
const classroomId = params.get('classroom');
const tokenKey = `sanke.deviceToken.${classroomId}`;
if (params.get('token')) {
  localStorage.setItem(tokenKey, params.get('token'));
  params.delete('token');
  history.replaceState(null, '', `${location.pathname}?${params}`);
}
const deviceToken = localStorage.getItem(tokenKey);
const name = params.get('name') ?? 'Classroom';
const frame = document.getElementById('lesson');
const waiting = document.getElementById('waiting');
const next = document.getElementById('next');
const POLL_MS = 5000;
let current = null; // the lessonId shown in the frame

window.sanke = { terminal: true, lessonId: null, polls: 0,
  frameHook: () => frame.contentWindow?.sanke ?? null };

function show(lesson) {
  if (!lesson) {
    next.textContent = t('noLesson');
    return;
  }
  const start = new Date(`${lesson.start}:00`);
  const time = lesson.start.slice(11, 16);
  const day = start.toDateString() === new Date().toDateString() ? '' : `${lesson.start.slice(0, 10)} `;
  next.textContent = `${lesson.subject} · ${day}${time} · ${t('from')} ${lesson.from}`;
}

function enter(lesson) {
  current = lesson.lessonId;
  window.sanke.lessonId = current;
  const query = new URLSearchParams({ lesson: current, name, classroomId, deviceToken,
    lang: params.get('lang') ?? 'zh' });
  frame.src = `classroom.html?${query}`;
  frame.hidden = false;
  waiting.hidden = true;
}

function leave() {
  current = null;
  window.sanke.lessonId = null;
  frame.src = 'about:blank';
  frame.hidden = true;
  waiting.hidden = false;
}

async function poll() {
  let lessons;
  try {
    const response = await fetch(`/api/classrooms/${encodeURIComponent(classroomId)}/upcoming`,
      { headers: { Authorization: `Device ${deviceToken ?? ''}` } });
    if (response.status === 404 || response.status === 401) {
      // Not a drop: the link names no classroom, or this device's token is not the room's. Say so; an
      // administrator who fixes it on the server is seen at the next poll.
      next.textContent = t(response.status === 404 ? 'unknownClassroom' : 'deviceNotAuthorized');
      return;
    }
    if (!response.ok) throw new Error(String(response.status));
    lessons = await response.json();
  } catch {
    next.textContent = t('offline');
    return; // the server is away: try again at the next poll
  }
  const state = window.sanke.frameHook()?.state;
  if (current && state === 'ended') {
    leave(); // ended by its teacher or its time: the server now lists it as ended, so it is not joined again
  }
  const joinable = lessons.find((l) => !l.sending && (l.state === 'open' || l.state === 'live'));
  if (joinable) {
    if (current !== joinable.lessonId) {
      enter(joinable);
    } else if (state === 'disconnected' || state === 'error') {
      enter(joinable); // the connection dropped: join again
    }
  } else if (current) {
    leave(); // the lesson ended
  }
  show(lessons.find((l) => !l.sending && l.state !== 'ended' && l.lessonId !== current) ?? null);
  window.sanke.polls++; // a poll that reached the server and acted on its answer
}

poll();
setInterval(poll, POLL_MS);

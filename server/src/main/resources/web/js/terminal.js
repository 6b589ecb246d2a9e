import { lang, t, translatePage } from './i18n.js';
import { attachDeviceCheck } from './device-check.js';
import { enableRemoteKeys } from './remote-keys.js';

// A classroom terminal (a rural room's big screen): it follows its timetable by itself. It shows the next lesson,
// joins when the lesson opens, rejoins after a network drop or a server restart, and leaves when it ends. Nobody
// at the teaching point clicks anything. Opened as plain terminal.html the first time, it shows a pairing code that
// an administrator types on the administration page for the room; the room's credential then comes to this device
// and stays in its storage, never in a link. (terminal.html?classroom=ID&token=TOKEN, the older way, still works:
// the token is kept and removed from the address bar.)
translatePage();
const params = new URLSearchParams(location.search);
const PAIRED_KEY = 'sanke.terminal';
if (params.get('classroom') && params.get('token')) {
  localStorage.setItem(PAIRED_KEY, JSON.stringify({ classroomId: params.get('classroom'),
    deviceToken: params.get('token') }));
  params.delete('token');
  history.replaceState(null, '', `${location.pathname}?${params}`);
}
const paired = JSON.parse(localStorage.getItem(PAIRED_KEY) ?? 'null');
const classroomId = params.get('classroom') ?? paired?.classroomId;
const deviceToken = paired && paired.classroomId === classroomId ? paired.deviceToken : null;
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
  // Dates and times as the room reads them: "周三 10:00", or with the date when it is not today.
  const start = new Date(lesson.start);
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  const today = start.toDateString() === new Date().toDateString();
  const time = start.toLocaleString(locale, today ? { hour: '2-digit', minute: '2-digit' }
    : { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  // The sending room's own screen: the teacher's page is its camera; the terminal says what comes, and from here.
  const where = lesson.sending ? t('sendingHere') : `${t('from')} ${[lesson.school, lesson.from].filter(Boolean)
    .join(' · ')}`;
  next.textContent = [lesson.subject, time, lesson.teacher && `${t('teacher')}: ${lesson.teacher}`, where]
    .filter(Boolean).join(' · ');
}

function enter(lesson) {
  current = lesson.lessonId;
  window.sanke.lessonId = current;
  // The classroom page reads the credential from this device's storage: it is not in the frame's address.
  const query = new URLSearchParams({ lesson: current, name, classroomId, lang: params.get('lang') ?? 'zh',
    from: lesson.school ?? '' });
  document.getElementById('close-check').click(); // the lesson needs the camera and microphone
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
  show(lessons.find((l) => l.state !== 'ended' && l.lessonId !== current) ?? null);
  window.sanke.polls++; // a poll that reached the server and acted on its answer
}

/** Not paired yet: show a code until an administrator pairs this screen with a room, then follow its timetable. */
async function pair() {
  let started;
  try {
    const response = await fetch('/api/terminals/pairing', { method: 'POST' });
    if (!response.ok) throw new Error(String(response.status));
    started = await response.json();
  } catch {
    next.textContent = t('offline');
    setTimeout(pair, POLL_MS);
    return;
  }
  document.querySelector('.next-label').textContent = t('pairingCode');
  next.textContent = `${started.code.slice(0, 3)} ${started.code.slice(3)}`;
  window.sanke.pairingCode = started.code;
  const check = setInterval(async () => {
    const response = await fetch(`/api/terminals/pairing/${encodeURIComponent(started.pairingId)}`).catch(() => null);
    if (!response) return; // offline: ask again
    if (response.status === 404) { // expired: a new code
      clearInterval(check);
      pair();
      return;
    }
    const status = await response.json();
    if (status.status === 'paired') {
      clearInterval(check);
      localStorage.setItem(PAIRED_KEY, JSON.stringify({ classroomId: status.classroomId,
        deviceToken: status.deviceToken }));
      location.replace(`${location.pathname}${location.search}`);
    }
  }, 2000);
}

attachDeviceCheck();
enableRemoteKeys();

if (classroomId && deviceToken) {
  poll();
  setInterval(poll, POLL_MS);
} else if (classroomId) {
  poll(); // a link that names a room without a credential on this device: say so
  setInterval(poll, POLL_MS);
} else {
  pair();
}

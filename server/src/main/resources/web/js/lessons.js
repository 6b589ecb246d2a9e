import { api } from './access.js';
import { describeError, t, translatePage } from './i18n.js';

// A teacher's home: her lessons today and this week from the timetable, and those she made, each with one button
// to her console. The server lists only her own.
translatePage();
const lang = new URLSearchParams(location.search).get('lang');
const langSuffix = lang ? `&lang=${encodeURIComponent(lang)}` : '';
const locale = document.documentElement.lang;

function consoleLink(lessonId) {
  return `/teacher.html?lesson=${encodeURIComponent(lessonId)}${langSuffix}`;
}

function openButton(lessonId) {
  return Object.assign(document.createElement('a'), { href: consoleLink(lessonId), className: 'button open',
    textContent: t('openConsole') });
}

function reportLink(lessonId) {
  return Object.assign(document.createElement('a'), { textContent: t('reportLink'),
    href: `/report.html?lesson=${encodeURIComponent(lessonId)}${langSuffix}` });
}

function when(start, end) {
  const from = new Date(start);
  const to = new Date(end);
  const day = from.toLocaleDateString(locale, { weekday: 'short', month: 'numeric', day: 'numeric' });
  const time = (d) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time(from)}–${time(to)}`;
}

async function show() {
  const mine = await api('/api/my-lessons?days=7');
  const rows = mine.timetabled.map((lesson) => {
    const row = document.createElement('tr');
    row.dataset.lesson = lesson.id;
    for (const text of [when(lesson.start, lesson.end), lesson.title, t(`state_${lesson.state}`)]) {
      row.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    const cell = document.createElement('td');
    if (lesson.state !== 'ended') cell.append(openButton(lesson.id));
    if (lesson.state !== 'scheduled') cell.append(' ', reportLink(lesson.id));
    row.append(cell);
    return row;
  });
  document.getElementById('timetabled').replaceChildren(...rows);
  document.getElementById('none').hidden = rows.length > 0;
  document.getElementById('made').replaceChildren(...mine.made.map((lesson) => {
    const item = Object.assign(document.createElement('li'), { textContent: `${lesson.title} ` });
    item.append(openButton(lesson.id), ' ', reportLink(lesson.id));
    return item;
  }));
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  location.href = `/login.html${location.search}`;
});
show().catch((error) => { document.getElementById('message').textContent = describeError(error); });

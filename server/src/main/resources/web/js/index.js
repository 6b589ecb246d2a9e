import { api } from './access.js';
import { describeError, t, translatePage } from './i18n.js';

// The start page: the signed-in person's ways in, and a new ad-hoc lesson with its pages' links. Making a lesson
// needs a signed-in teacher or administrator: without a session, to the login page first.
translatePage();
await api('/api/session').catch(() => {});
const form = document.getElementById('create');
const result = document.getElementById('result');
const lang = new URLSearchParams(location.search).get('lang');
const withLang = (href) => (lang ? `${href}&lang=${encodeURIComponent(lang)}` : href);
form.title.value = t('sampleLessonTitle');

// The most classrooms each mode takes on this platform's defaults.
const MOST_CLASSROOMS = { dedicated: 6, master_teacher: 6, famous_school: 20 };
form.mode.addEventListener('change', () => {
  form.maxClassrooms.max = MOST_CLASSROOMS[form.mode.value];
  form.maxClassrooms.value = Math.min(Number(form.maxClassrooms.value), MOST_CLASSROOMS[form.mode.value]);
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { title: form.title.value, mode: form.mode.value, maxClassrooms: Number(form.maxClassrooms.value) };
  let lesson;
  try {
    lesson = await api('/api/lessons', { body });
  } catch (error) {
    result.textContent = describeError(error);
    return;
  }
  result.replaceChildren();
  const pages = [['teacherPage', lesson.links.teacher], ['classroomPage', lesson.links.classroom],
    ['observerPage', lesson.links.observer]].filter(([, href]) => href);
  for (const [label, href] of pages) {
    const link = Object.assign(document.createElement('a'), { href: withLang(href), textContent: t(label) });
    const copy = Object.assign(document.createElement('button'), { type: 'button', textContent: t('copyLink') });
    copy.addEventListener('click', async () => {
      await navigator.clipboard?.writeText(`${location.origin}${withLang(href)}`);
      copy.textContent = t('copied');
    });
    result.append(link, ' ', copy, document.createElement('br'));
  }
});

import { api } from './access.js';
import { describeError, lang, t, translatePage } from './i18n.js';
import { el, locale } from './dom.js';

// The inspectors' patrol wall (网络巡课, S12): the live lessons of their jurisdiction as small pictures that the
// server renews every few seconds (one still picture per lesson, never a stream per tile). "Watch" opens the lesson
// in full, as an inspector: unseen and unheard. The server decides which lessons are listed.
translatePage();
const REFRESH_MS = 5000;
const message = document.getElementById('message');
const enc = encodeURIComponent;
const tiles = new Map();

function tile(lesson) {
  const picture = el('img', { className: 'patrol-picture', alt: `${t('pictureOf')} ${lesson.title}` });
  const placeholder = el('div', { className: 'patrol-picture none', textContent: t('noPictureYet') });
  const caption = el('p', { className: 'patrol-caption' });
  const watch = el('a', { className: 'button', textContent: t('watchLesson'),
    href: `/classroom.html?lesson=${enc(lesson.lessonId)}&role=inspector&name=${enc(t('role_inspector'))}`
      + `${lang === 'en' ? '&lang=en' : ''}` });
  const li = el('li', { className: 'patrol-tile' }, el('h2', { textContent: lesson.title }), picture, placeholder,
    caption, watch);
  li.dataset.lessonId = lesson.lessonId;
  return { li, picture, placeholder, caption };
}

function show(view, lesson) {
  const parts = [lesson.teacher, `${lesson.participants} ${t('inLesson')}`, t(`mode_${lesson.mode}`)];
  if (lesson.picture) {
    parts.push(`${t('pictureAt')} ${new Date(lesson.picture.at).toLocaleTimeString(locale)}`);
    // A new address each time the picture changes: the browser fetches it, nothing is cached (no-store).
    const src = `/api/patrol/${enc(lesson.lessonId)}/picture?at=${enc(lesson.picture.at)}`;
    if (view.picture.getAttribute('src') !== src) view.picture.src = src;
  }
  view.picture.hidden = !lesson.picture;
  view.placeholder.hidden = !!lesson.picture;
  view.caption.textContent = parts.filter(Boolean).join(' · ');
}

async function refresh() {
  const wall = await api('/api/patrol');
  const live = new Set(wall.map((lesson) => lesson.lessonId));
  for (const [id, view] of tiles) {
    if (!live.has(id)) {
      view.li.remove();
      tiles.delete(id);
    }
  }
  const list = document.getElementById('wall');
  for (const lesson of wall) {
    let view = tiles.get(lesson.lessonId);
    if (!view) {
      view = tile(lesson);
      tiles.set(lesson.lessonId, view);
      list.append(view.li);
    }
    show(view, lesson);
  }
  document.getElementById('no-lessons').hidden = wall.length > 0;
  message.textContent = '';
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  location.href = `/login.html${location.search}`;
});
async function loop() {
  try {
    await refresh();
  } catch (error) {
    message.textContent = describeError(error);
  }
  setTimeout(loop, REFRESH_MS);
}
loop();

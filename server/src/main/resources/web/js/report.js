import { api } from './access.js';
import { describeError, t, translatePage } from './i18n.js';

// One lesson's attendance and network quality (质量监测): report.html?lesson=ID. Opened from a lesson's page or the
// teacher's home; without a lesson it says where to find one.
translatePage();
const lessonId = new URLSearchParams(location.search).get('lesson');
const locale = document.documentElement.lang;
const time = (iso) => (iso ? new Date(iso).toLocaleString(locale) : '—');
const message = document.getElementById('message');
const csv = document.getElementById('csv');

if (!lessonId) {
  csv.hidden = true;
  message.append(t('reportNeedsLesson'), ' ',
    Object.assign(document.createElement('a'), { href: `/lessons.html${location.search}`, textContent: t('myLessonsLink') }));
} else {
  csv.href = `/api/lessons/${encodeURIComponent(lessonId)}/attendance?format=csv`;
  try {
    const report = await api(`/api/lessons/${encodeURIComponent(lessonId)}/attendance`);
    const when = report.start ? ` · ${new Date(report.start).toLocaleString(locale, { dateStyle: 'medium',
      timeStyle: 'short' })}` : '';
    document.getElementById('lesson-title').textContent = `${report.title ?? ''}${when}`;
    document.getElementById('rows').replaceChildren(...report.participants.map((p) => {
      const row = document.createElement('tr');
      for (const text of [p.name ?? t('nameHidden'), t(`lessonRole_${p.role}`), time(p.joinedAt), time(p.leftAt),
        Math.round(p.presentSeconds / 60), p.quality.averageLossPercent.toFixed(1),
        (p.quality.totalFreezeMs / 1000).toFixed(1), Math.round(p.quality.averageKbps)]) {
        row.append(Object.assign(document.createElement('td'), { textContent: String(text) }));
      }
      return row;
    }));
    if (!report.participants.length) message.textContent = t('nobodyYet');
  } catch (error) {
    message.textContent = describeError(error);
  }
}

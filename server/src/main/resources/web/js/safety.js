import { api } from './access.js';
import { describeError, t, translatePage } from './i18n.js';
import { el, locale } from './dom.js';

// Safety staff's page (S14, S16): the reports from lessons, each with what was reported and the still frame the
// reporter saw, to dismiss or act on (keep the person or classroom out of every lesson); and the measures taken,
// to lift. The server decides who may see and do this.
translatePage();
const message = document.getElementById('message');
const enc = encodeURIComponent;
const when = (iso) => (iso ? new Date(iso).toLocaleString(locale) : '');
const button = (label, onClick) => {
  const b = el('button', { type: 'button', textContent: t(label) });
  b.addEventListener('click', onClick);
  return b;
};

async function act(work, done) {
  try {
    await work();
    message.textContent = t(done);
    await refresh();
  } catch (error) {
    message.textContent = describeError(error);
  }
}

function reportItem(r) {
  const li = el('li', { className: 'report' });
  li.append(el('h3', { textContent: `${t(`reportKind_${r.kind}`)} · ${r.targetName ?? ''}` }),
    el('p', { textContent: `${r.lessonTitle} · ${when(r.at)} · ${t('reportedBy')} ${r.reporterName}` }),
    el('p', { textContent: `${t('reason')}: ${r.reason}` }));
  if (r.message) li.append(el('blockquote', { textContent: r.message }));
  if (r.hasFrame) {
    li.append(el('img', { src: `/api/reports/${enc(r.id)}/frame`, alt: t('stillFrame'), className: 'still' }));
  }
  const decide = (outcome) => act(() => api(`/api/reports/${enc(r.id)}/decision`,
    { body: { outcome } }), 'saved');
  li.append(button('dismiss', () => decide('dismissed')));
  const subject = r.targetPersonId ? { subjectKind: 'person', subjectId: r.targetPersonId }
    : r.targetClassroomId ? { subjectKind: 'classroom', subjectId: r.targetClassroomId } : null;
  if (subject) {
    li.append(button('keepOut', () => {
      if (!window.confirm(`${t('keepOutConfirm')} ${r.targetName}`)) return;
      act(async () => {
        await api('/api/sanctions', { body: { ...subject, measure: 'blacklist', reason: r.reason } });
        await api(`/api/reports/${enc(r.id)}/decision`, { body: { outcome: 'acted' } });
      }, 'saved');
    }));
  }
  return li;
}

function sanctionRow(s) {
  const row = el('tr');
  for (const text of [s.subjectName ?? '—', t(`measure_${s.measure}`), s.reason,
    `${when(s.at)}${s.until ? ` → ${when(s.until)}` : ''}`]) {
    row.append(el('td', { textContent: text }));
  }
  const cell = el('td');
  if (!s.liftedAt) cell.append(button('lift', () => act(() => api(`/api/sanctions/${enc(s.id)}`,
    { method: 'DELETE' }), 'saved')));
  else cell.textContent = t('lifted');
  row.append(cell);
  return row;
}

async function refresh() {
  const [reports, sanctions] = await Promise.all([api('/api/reports'), api('/api/sanctions')]);
  document.getElementById('reports').replaceChildren(...reports.map(reportItem));
  document.getElementById('no-reports').hidden = reports.length > 0;
  document.getElementById('sanctions').replaceChildren(...sanctions.map(sanctionRow));
  document.getElementById('no-sanctions').hidden = sanctions.length > 0;
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  location.href = `/login.html${location.search}`;
});
refresh().catch((error) => { message.textContent = describeError(error); });

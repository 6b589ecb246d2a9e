import { api as call } from './access.js';
import { describeError, t, translatePage } from './i18n.js';

// Administration over the REST API (docs/api.md): schools, classrooms (with their terminals' device tokens),
// people and the timetable. Refusals are shown with the field they name.
translatePage();
const message = document.getElementById('message');
const names = new Map();

// Without a session (or with a step to do) the person is sent to the login page and back.
const api = (path, body) => call(path, { body });

function fill(list, items, render) {
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.textContent = render(item);
    return li;
  }));
}

function options(select, items, label, empty) {
  select.replaceChildren(...(empty ? [new Option(empty, '')] : []),
    ...items.map((item) => new Option(label(item), item.id)));
}

async function refresh() {
  const [schools, classrooms, people, timetable] = await Promise.all([api('/api/schools'), api('/api/classrooms'),
    api('/api/people'), api('/api/timetable')]);
  for (const item of [...schools, ...classrooms, ...people]) names.set(item.id, item.name);
  fill(document.getElementById('schools'), schools, (s) => s.name);
  fill(document.getElementById('classrooms'), classrooms, (c) => `${names.get(c.schoolId)} · ${c.name}`);
  fill(document.getElementById('people'), people, (p) => `${p.name ?? t('nameHidden')} (${t(`role_${p.role}`)})`);
  options(document.querySelector('#classroom-form [name=schoolId]'), schools, (s) => s.name);
  options(document.querySelector('#person-form [name=schoolId]'), schools, (s) => s.name, '—');
  options(document.querySelector('#pair-form [name=classroomId]'), classrooms,
    (c) => `${names.get(c.schoolId)} · ${c.name}`);
  options(document.querySelector('#person-form [name=wardId]'), people.filter((p) => p.role === 'learner'),
    (p) => `${p.name ?? t('nameHidden')} · ${names.get(p.schoolId) ?? ''}`);
  options(document.querySelector('#account-form [name=personId]'), people,
    (p) => `${p.name ?? t('nameHidden')} (${t(`role_${p.role}`)})`);
  const teachers = people.filter((p) => p.role === 'lead_teacher');
  options(document.querySelector('#timetable-form [name=teacherId]'), teachers, (p) => p.name);
  const roomLabel = (c) => `${names.get(c.schoolId)} · ${c.name}`;
  options(document.querySelector('#timetable-form [name=sendingClassroomId]'), classrooms, roomLabel);
  options(document.querySelector('#timetable-form [name=receivingClassroomIds]'), classrooms, roomLabel);
  document.getElementById('timetable').replaceChildren(...timetable.map((e) => {
    const row = document.createElement('tr');
    for (const text of [e.subject, `${e.start}${e.weeklyUntil ? ` → ${e.weeklyUntil}` : ''}`, names.get(e.teacherId),
      e.receivingClassroomIds.map((id) => names.get(id)).join(', ')]) {
      row.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    row.dataset.entry = e.id;
    const withdraw = Object.assign(document.createElement('button'), { type: 'button', className: 'withdraw',
      textContent: t('withdrawEntry') });
    withdraw.addEventListener('click', () => withdrawEntry(e));
    const cell = document.createElement('td');
    cell.append(withdraw);
    row.append(cell);
    return row;
  }));
}

/** Takes an entry off the timetable from now on (lessons already given stay in the records). */
async function withdrawEntry(entry) {
  if (!window.confirm(`${t('withdrawEntryConfirm')} ${entry.subject}`)) return;
  try {
    const done = await call(`/api/timetable/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
    message.textContent = done.result === 'removed' ? t('entryRemoved') : t('seriesEnded');
    await refresh();
  } catch (error) {
    message.textContent = describeError(error);
  }
}

function onSubmit(id, toBody, after) {
  document.getElementById(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api(...toBody(event.target));
      message.textContent = t('saved');
      after?.(created);
      event.target.reset();
      await refresh();
    } catch (error) {
      message.textContent = describeError(error);
    }
  });
}

onSubmit('school-form', (f) => ['/api/schools', { name: f.name.value }]);
onSubmit('classroom-form', (f) => ['/api/classrooms', { schoolId: f.schoolId.value, name: f.name.value }],
  (created) => {
    // Shown once: the terminal keeps the token after its first visit.
    const link = `${location.origin}/terminal.html?classroom=${created.id}&token=${created.deviceToken}`;
    document.getElementById('terminal-link').textContent = `${t('terminalLink')}: ${link}`;
  });
onSubmit('person-form', (f) => ['/api/people', { name: f.name.value, role: f.role.value,
  ...(f.schoolId.value ? { schoolId: f.schoolId.value } : {}),
  ...(f.role.value === 'guardian' ? { wardId: f.wardId.value } : {}) }]);
// A guardian speaks for a learner of the same school: the form asks which.
const personForm = document.getElementById('person-form');
personForm.role.addEventListener('change', () => {
  personForm.wardId.hidden = personForm.role.value !== 'guardian';
  personForm.wardId.required = !personForm.wardId.hidden;
});
onSubmit('pair-form', (f) => [`/api/classrooms/${encodeURIComponent(f.classroomId.value)}/pair`,
  { code: f.code.value }]);
onSubmit('account-form', (f) => [`/api/people/${encodeURIComponent(f.personId.value)}/account`,
  { login: f.login.value, password: f.password.value }]);
document.getElementById('logout').addEventListener('click', async () => {
  await call('/api/session', { method: 'DELETE' }).catch(() => {});
  location.href = `/login.html${location.search}`;
});
onSubmit('timetable-form', (f) => ['/api/timetable', {
  subject: f.subject.value, mode: f.mode.value, teacherId: f.teacherId.value,
  sendingClassroomId: f.sendingClassroomId.value,
  receivingClassroomIds: [...f.receivingClassroomIds.selectedOptions].map((o) => o.value),
  start: f.start.value, durationMinutes: Number(f.durationMinutes.value),
  ...(f.weeklyUntil.value ? { weeklyUntil: f.weeklyUntil.value } : {}) }]);

refresh().catch((error) => { message.textContent = describeError(error); });

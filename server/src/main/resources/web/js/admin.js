import { api as call } from './access.js';
import { describeError, lang, t, translatePage } from './i18n.js';

// Administration over the REST API (docs/api.md): schools, classrooms (with their terminals' device tokens),
// people and the timetable. Refusals are shown with the field they name.
translatePage();
const message = document.getElementById('message');
const names = new Map();

// Without a session (or with a step to do) the person is sent to the login page and back.
const api = (path, body) => call(path, { body });

function button(label, onClick, className) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: t(label), className });
  b.addEventListener('click', onClick);
  return b;
}

// Each list item: its text, then Edit and Remove (taken off the lists: archived, the lessons given keep its name).
function fill(list, items, render, edit, path) {
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.dataset.id = item.id;
    const text = Object.assign(document.createElement('span'), { textContent: render(item) });
    li.append(text, button('edit', () => edit(li, item), 'edit'),
      button('remove', () => archive(path, item, render(item)), 'remove'));
    return li;
  }));
  search();
}

async function act(work, done) {
  try {
    await work();
    message.textContent = t(done);
    await refresh();
  } catch (error) {
    message.textContent = describeError(error);
  }
}

function archive(path, item, label) {
  if (!window.confirm(`${t('removeConfirm')} ${label}`)) return;
  act(() => call(`${path}/${encodeURIComponent(item.id)}`, { method: 'DELETE' }), 'removed');
}

// Edits in place: the item's text becomes a small form with its fields, Save and Cancel.
function editInPlace(li, fields, save) {
  const form = document.createElement('form');
  form.className = 'inline-edit';
  form.append(...fields, Object.assign(document.createElement('button'), { textContent: t('save') }),
    button('cancel', () => refresh()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => save(form), 'saved');
  });
  li.replaceChildren(form);
  fields[0].focus();
}

function field(name, value, label, maxLength) {
  return Object.assign(document.createElement('input'), { name, value: value ?? '', required: true, maxLength,
    ariaLabel: t(label) });
}

function editName(path, maxLength) {
  return (li, item) => editInPlace(li, [field('name', item.name, 'name', maxLength)],
    (form) => call(`${path}/${encodeURIComponent(item.id)}`, { method: 'PUT', body: { name: form.name.value } }));
}

function editPerson(li, person) {
  const school = document.querySelector('#person-form [name=schoolId]').cloneNode(true);
  school.value = person.schoolId ?? '';
  const role = document.querySelector('#person-form [name=role]').cloneNode(true);
  role.value = person.role;
  school.ariaLabel = t('school');
  role.ariaLabel = t('role');
  editInPlace(li, [field('name', person.name, 'name', 64), school, role], (form) => call(
    `/api/people/${encodeURIComponent(person.id)}`, { method: 'PUT', body: { name: form.name.value,
      role: form.role.value, ...(form.schoolId.value ? { schoolId: form.schoolId.value } : {}) } }));
}

// A learner's age band (S33): the school marks who is under 14; an under-14 appears in lessons and recordings only
// with a guardian's consent, which the guardian gives on the personal-data page.
function ageBandChoice(person) {
  const select = document.createElement('select');
  select.className = 'age-band';
  select.ariaLabel = `${t('ageBand')} · ${person.name ?? ''}`;
  for (const band of ['minor', 'under_14', 'adult']) select.append(new Option(t(`ageBand_${band}`), band));
  select.value = person.ageBand;
  select.addEventListener('change', () => act(() => call(`/api/people/${encodeURIComponent(person.id)}/age-band`,
    { method: 'PUT', body: { ageBand: select.value } }), 'saved'));
  const consent = document.createElement('span');
  consent.className = 'note';
  consent.textContent = person.ageBand === 'under_14'
    ? (person.guardianConsent ? t('consentGiven') : t('consentNotGiven')) : '';
  const wrap = document.createElement('span');
  wrap.append(select, consent);
  return wrap;
}

// One search box for every list and the timetable: what does not match is hidden.
const searchBox = document.getElementById('search');
function search() {
  const words = searchBox.value.trim().toLowerCase();
  for (const item of document.querySelectorAll('#schools li, #classrooms li, #people li, #timetable tr')) {
    item.hidden = words !== '' && !item.textContent.toLowerCase().includes(words);
  }
}
searchBox.addEventListener('input', search);

function options(select, items, label, empty) {
  select.replaceChildren(...(empty ? [new Option(empty, '')] : []),
    ...items.map((item) => new Option(label(item), item.id)));
}

async function refresh() {
  const [schools, classrooms, people, timetable] = await Promise.all([api('/api/schools'), api('/api/classrooms'),
    api('/api/people'), api('/api/timetable')]);
  for (const item of [...schools, ...classrooms, ...people]) names.set(item.id, item.name);
  fill(document.getElementById('schools'), schools, (s) => s.name, editName('/api/schools', 100), '/api/schools');
  fill(document.getElementById('classrooms'), classrooms, (c) => `${names.get(c.schoolId)} · ${c.name}`,
    editName('/api/classrooms', 100), '/api/classrooms');
  fill(document.getElementById('people'), people, (p) => `${p.name ?? t('nameHidden')} (${t(`role_${p.role}`)})`,
    editPerson, '/api/people');
  for (const p of people.filter((person) => person.ageBand)) {
    document.querySelector(`#people li[data-id="${CSS.escape(p.id)}"]`)?.append(ageBandChoice(p));
  }
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
    for (const text of [e.subject, when(e), e.teacherName, e.receivingClassroomNames.join(', ')]) {
      row.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    row.dataset.entry = e.id;
    const cell = document.createElement('td');
    cell.append(button('edit', () => reviseEntry(e), 'edit'), button('withdrawEntry', () => withdrawEntry(e),
      'withdraw'));
    row.append(cell);
    return row;
  }));
  search();
}

// Dates and times as people of the page's language write them, never ISO codes.
function when(entry) {
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  const start = new Date(entry.start).toLocaleString(locale, { weekday: 'short', year: 'numeric', month: 'short',
    day: 'numeric', hour: '2-digit', minute: '2-digit' });
  if (!entry.weeklyUntil) return start;
  const until = new Date(`${entry.weeklyUntil}T00:00`).toLocaleDateString(locale,
    { year: 'numeric', month: 'short', day: 'numeric' });
  return `${start} · ${t('weeklyUntil')} ${until}`;
}

// Revising fills the timetable form with the entry; saving changes it from now on (lessons given stay).
const timetableForm = document.getElementById('timetable-form');
let revising = null;
function reviseEntry(entry) {
  revising = entry;
  const f = timetableForm;
  f.subject.value = entry.subject;
  f.mode.disabled = true;
  f.teacherId.value = entry.teacherId;
  f.sendingClassroomId.value = entry.sendingClassroomId;
  for (const option of f.receivingClassroomIds.options) {
    option.selected = entry.receivingClassroomIds.includes(option.value);
  }
  f.start.value = entry.start;
  f.durationMinutes.value = entry.durationMinutes;
  f.weeklyUntil.value = entry.weeklyUntil ?? '';
  f.querySelector('.submit').textContent = t('saveChanges');
  document.getElementById('cancel-revision').hidden = false;
  f.subject.focus();
}

function stopRevising() {
  revising = null;
  timetableForm.mode.disabled = false;
  timetableForm.querySelector('.submit').textContent = t('schedule');
  document.getElementById('cancel-revision').hidden = true;
}
document.getElementById('cancel-revision').addEventListener('click', () => {
  stopRevising();
  timetableForm.reset();
});

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
timetableForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = timetableForm;
  const body = { subject: f.subject.value, teacherId: f.teacherId.value,
    sendingClassroomId: f.sendingClassroomId.value,
    receivingClassroomIds: [...f.receivingClassroomIds.selectedOptions].map((o) => o.value),
    start: f.start.value, durationMinutes: Number(f.durationMinutes.value),
    ...(f.weeklyUntil.value ? { weeklyUntil: f.weeklyUntil.value } : {}) };
  await act(async () => {
    if (revising) {
      await call(`/api/timetable/${encodeURIComponent(revising.id)}`, { method: 'PUT', body });
    } else {
      await api('/api/timetable', { ...body, mode: f.mode.value });
    }
    stopRevising();
    f.reset();
  }, 'saved');
});

refresh().catch((error) => { message.textContent = describeError(error); });

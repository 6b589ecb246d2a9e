import { api } from './access.js';

// Making a lesson needs a signed-in teacher or administrator: without a session, to the login page first.
await api('/api/session').catch(() => {});
const form = document.getElementById('create');
const result = document.getElementById('result');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { title: form.title.value, mode: form.mode.value, maxClassrooms: Number(form.maxClassrooms.value) };
  let lesson;
  try {
    lesson = await api('/api/lessons', { body });
  } catch (error) {
    result.textContent = error.message;
    return;
  }
  result.innerHTML = '';
  const pages = [['Teacher page', lesson.links.teacher], ['Classroom page', lesson.links.classroom],
    ['Observer page', lesson.links.observer]].filter(([, href]) => href);
  for (const [label, href] of pages) {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = `${label}: ${location.origin}${href}`;
    result.append(link, document.createElement('br'));
  }
});

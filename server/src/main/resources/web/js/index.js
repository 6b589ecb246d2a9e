const form = document.getElementById('create');
const result = document.getElementById('result');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { title: form.title.value, mode: form.mode.value, maxClassrooms: Number(form.maxClassrooms.value) };
  const response = await fetch('/api/lessons', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body) });
  const lesson = await response.json();
  if (!response.ok) {
    result.textContent = `${lesson.field ?? ''} ${lesson.message}`;
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

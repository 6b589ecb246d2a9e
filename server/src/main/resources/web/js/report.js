import { api } from './access.js';
import { translatePage } from './i18n.js';

// One lesson's attendance and network quality (质量监测): report.html?lesson=ID
translatePage();
const lessonId = new URLSearchParams(location.search).get('lesson') ?? 'demo';
document.getElementById('csv').href = `/api/lessons/${encodeURIComponent(lessonId)}/attendance?format=csv`;
const time = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

try {
  const report = await api(`/api/lessons/${encodeURIComponent(lessonId)}/attendance`);
  document.getElementById('rows').replaceChildren(...report.participants.map((p) => {
    const row = document.createElement('tr');
    for (const text of [p.name, p.role, time(p.joinedAt), time(p.leftAt), Math.round(p.presentSeconds / 60),
      p.quality.averageLossPercent.toFixed(1), (p.quality.totalFreezeMs / 1000).toFixed(1),
      Math.round(p.quality.averageKbps)]) {
      row.append(Object.assign(document.createElement('td'), { textContent: String(text) }));
    }
    return row;
  }));
} catch (error) {
  document.getElementById('message').textContent = error.message;
}

import { LessonClient } from './lesson-client.js';
import { installHook, startWithCamera } from './hook.js';
import { describe } from './stats.js';
import { t } from './i18n.js';

const params = new URLSearchParams(location.search);
const client = new LessonClient({ lessonId: params.get('lesson') ?? 'demo', role: 'teacher',
  name: params.get('name') ?? 'Teacher', videoCodec: params.get('videoCodec') ?? undefined });
const hook = installHook(client);
const status = document.getElementById('status');
const grid = document.getElementById('classrooms');
const tiles = new Map();

function showStatus(text) {
  status.textContent = text;
}

function updateEmpty() {
  document.getElementById('empty').hidden = tiles.size > 0;
}

client.addEventListener('state', (e) => {
  const state = e.detail.state;
  showStatus(state === 'live' ? `${t('live')} · ${client.lesson?.title ?? ''}` : t(state) ?? state);
});

client.addEventListener('participant-media', (e) => {
  const { participantId, name, stream } = e.detail;
  let tile = tiles.get(participantId);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'tile';
    tile.innerHTML = '<video autoplay playsinline></video><figcaption><span class="name"></span>'
      + '<span class="quality"></span></figcaption>';
    tile.querySelector('.name').textContent = name;
    grid.append(tile);
    tiles.set(participantId, tile);
  }
  const video = tile.querySelector('video');
  if (video.srcObject !== stream) video.srcObject = stream;
  updateEmpty();
});

client.addEventListener('participant-left', (e) => {
  tiles.get(e.detail.participantId)?.remove();
  tiles.delete(e.detail.participantId);
  updateEmpty();
});

document.getElementById('leave').addEventListener('click', () => client.leave());

setInterval(async () => {
  if (client.state !== 'live') return;
  const { inbound } = await hook.stats();
  for (const [participantId, tile] of tiles) {
    const video = inbound.find((s) => s.participantId === participantId && s.kind === 'video');
    tile.querySelector('.quality').textContent = describe(video);
  }
}, 1000);

await startWithCamera(client, hook, (error) => showStatus(`${t('error')}: ${error.code ?? ''} ${error.message}`));
updateEmpty();

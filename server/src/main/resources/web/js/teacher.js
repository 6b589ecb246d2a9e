import { LessonClient } from './lesson-client.js';
import { api } from './access.js';
import { installHook, startWithCamera } from './hook.js';
import { describe, grade } from './stats.js';
import { describeError, t, translatePage } from './i18n.js';
import { reportQuality } from './quality.js';
import { attachChat } from './chat.js';
import { attachQuestions } from './questions.js';
import { showRecording } from './recording-badge.js';

translatePage();
const params = new URLSearchParams(location.search);
const client = new LessonClient({ lessonId: params.get('lesson') ?? 'demo', role: 'teacher',
  name: params.get('name') ?? 'Teacher', videoCodec: params.get('videoCodec') ?? undefined });
showRecording(client, document.getElementById('recording'));
const hook = installHook(client);
const status = document.getElementById('status');
const grid = document.getElementById('classrooms');
const hands = document.getElementById('hands');
const tiles = new Map();
const names = new Map();
const onStage = new Set();

function showStatus(text) {
  status.textContent = text;
}

function updateEmpty() {
  document.getElementById('empty').hidden = tiles.size > 0;
}

function tileFor(participantId, name) {
  let tile = tiles.get(participantId);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'tile';
    tile.dataset.participant = participantId;
    tile.innerHTML = '<video autoplay playsinline></video><figcaption><span class="name"></span>'
      + '<span class="badge"></span><span class="quality numbers"></span>'
      + '<button type="button" class="mute"></button><button type="button" class="stage-toggle"></button>'
      + '<select class="moderate"></select></figcaption>';
    // Muting is enforced by the server: the room's microphone is not forwarded, whatever its page does.
    const mute = tile.querySelector('.mute');
    mute.textContent = t('mute');
    mute.addEventListener('click', () => {
      const muted = mute.classList.toggle('up');
      mute.textContent = muted ? t('unmute') : t('mute');
      client.moderate(participantId, muted ? 'mute' : 'unmute').catch((error) => showStatus(describeError(error)));
    });
    const moderate = tile.querySelector('.moderate');
    moderate.setAttribute('aria-label', t('moderation'));
    moderate.replaceChildren(new Option(t('moderation'), ''), ...['stop_video', 'allow_video', 'remove', 'ban']
      .map((action) => new Option(t(`moderate_${action}`), action)), new Option(t('reportPerson'), 'report'));
    moderate.addEventListener('change', () => {
      const action = moderate.value;
      moderate.value = '';
      if (action === 'report') {
        // To safety staff, who act across lessons (S14): the teacher's own measures end with this lesson.
        const reason = window.prompt(t('reportReason'));
        if (reason && reason.trim()) {
          client.report({ kind: 'person', participantId, reason: reason.trim().slice(0, 200) })
            .then(() => showStatus(t('reportSent')), (error) => showStatus(describeError(error)));
        }
        return;
      }
      if (['remove', 'ban'].includes(action) && !window.confirm(`${t(`moderate_${action}`)}: ${name}?`)) return;
      client.moderate(participantId, action).catch((error) => showStatus(describeError(error)));
    });
    tile.querySelector('.name').textContent = name;
    tile.querySelector('.stage-toggle').addEventListener('click',
      () => client.stage(participantId, !onStage.has(participantId)).catch((error) => console.error(error)));
    grid.append(tile);
    tiles.set(participantId, tile);
    names.set(participantId, name);
    renderStage(participantId);
  }
  return tile;
}

function renderStage(participantId) {
  const tile = tiles.get(participantId);
  if (!tile) return;
  tile.classList.toggle('staged', onStage.has(participantId));
  tile.querySelector('.stage-toggle').textContent = onStage.has(participantId) ? t('offStage') : t('onStage');
}

client.addEventListener('state', (e) => {
  const state = e.detail.state;
  showStatus(state === 'live' ? `${t('live')} · ${client.lesson?.title ?? ''}` : t(state));
});

client.addEventListener('participant-joined', (e) => names.set(e.detail.participantId, e.detail.name));
client.addEventListener('state', (e) => {
  if (e.detail.state === 'joined') {
    for (const p of client.others ?? []) names.set(p.participantId, p.name);
  }
});

client.addEventListener('participant-media', (e) => {
  const { participantId, name, stream } = e.detail;
  const video = tileFor(participantId, name).querySelector('video');
  if (video.srcObject !== stream) video.srcObject = stream;
  updateEmpty();
});

client.addEventListener('media-ended', (e) => {
  // An observer taken off stage stops sending: its tile goes.
  const { participantId } = e.detail;
  if (tiles.has(participantId) && !client.remoteTracks().some((r) => r.participantId === participantId && r.active)) {
    tiles.get(participantId).remove();
    tiles.delete(participantId);
    updateEmpty();
  }
});

client.addEventListener('participant-left', (e) => {
  tiles.get(e.detail.participantId)?.remove();
  tiles.delete(e.detail.participantId);
  onStage.delete(e.detail.participantId);
  updateEmpty();
});

client.addEventListener('stage-changed', (e) => {
  if (e.detail.on) onStage.add(e.detail.participantId); else onStage.delete(e.detail.participantId);
  renderStage(e.detail.participantId);
});

client.addEventListener('hand-queue', (e) => {
  hands.replaceChildren(...e.detail.map((participantId) => {
    const item = document.createElement('li');
    item.textContent = names.get(participantId) ?? participantId;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('onStage');
    button.addEventListener('click', () => client.stage(participantId, true).catch((error) => console.error(error)));
    item.append(' ', button);
    return item;
  }));
  for (const [participantId, tile] of tiles) {
    tile.classList.toggle('hand-up', e.detail.includes(participantId));
  }
});

attachChat(client, document.getElementById('chat'), document.getElementById('chat-form'));
attachQuestions(client, document.getElementById('questions'), { teacher: true });

// Each room's latest quality report (loss, freezes), and the frames its video had at the last look: the badge.
const reported = new Map();
const lastFrames = new Map();
client.addEventListener('quality-report', (e) => reported.set(e.detail.participantId, e.detail));
const details = document.getElementById('details');
details.addEventListener('change', () => document.body.classList.toggle('show-details', details.checked));

client.addEventListener('problem-reported', (e) => {
  const item = document.createElement('li');
  item.textContent = `${e.detail.name}: ${e.detail.text}`;
  document.getElementById('problems').append(item);
});
// Leaving turns the camera off and clears the tiles; the same button then takes the teacher back in.
const leaveButton = document.getElementById('leave');
leaveButton.addEventListener('click', () => {
  if (client.state === 'left' || client.state === 'ended') {
    location.reload();
    return;
  }
  client.leave();
});
client.addEventListener('state', (e) => {
  if (!['left', 'ended', 'removed'].includes(e.detail.state)) return;
  document.getElementById('self').srcObject?.getTracks().forEach((track) => track.stop());
  document.getElementById('self').srcObject = null;
  for (const tile of tiles.values()) tile.remove();
  tiles.clear();
  updateEmpty();
  if (e.detail.state === 'left') leaveButton.textContent = t('rejoin');
});
document.getElementById('end').addEventListener('click', () => {
  if (window.confirm(t('confirmEnd'))) client.endLesson().catch((error) => console.error(error));
});

// Screen share: a second video beside the camera; the classrooms show it full screen.
const shareButton = document.getElementById('share');
// One-key controls and locks (S7, S31): each button shows whether it is on, from what the server says holds.
const ONE_KEY = [['pause', 'pauseLesson', (c) => c.paused, (on) => client.pause(on)],
  ['interaction', 'interactionOff', (c) => !c.interaction, (on) => client.interaction(!on)],
  ['lock-joins', 'lockJoins', (c) => c.locks.includes('joins'), (on) => client.lock('joins', on)],
  ['lock-voice', 'lockVoice', (c) => c.locks.includes('voice'), (on) => client.lock('voice', on)],
  ['lock-video', 'lockVideo', (c) => c.locks.includes('video'), (on) => client.lock('video', on)],
  ['lock-text', 'lockText', (c) => c.locks.includes('text'), (on) => client.lock('text', on)],
  ['waiting-room', 'waitingRoomSwitch', (c) => c.waitingRoomOn, (on) => client.waitingRoom(on)]];
const oneKeys = document.getElementById('one-key');
let controlsNow = { paused: false, interaction: true, locks: [] };
for (const [id, label, isOn, set] of ONE_KEY) {
  const button = Object.assign(document.createElement('button'), { type: 'button', id, textContent: t(label) });
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => set(!isOn(controlsNow)).catch((error) => showStatus(describeError(error))));
  oneKeys.append(button);
}
// The waiting room: who waits at the door, each with Admit and Deny.
client.addEventListener('waiting-room', (e) => {
  controlsNow = { ...controlsNow, waitingRoomOn: e.detail.on };
  document.getElementById('waiting-room').classList.toggle('up', e.detail.on);
  document.getElementById('waiting-room').setAttribute('aria-pressed', String(e.detail.on));
  const list = document.getElementById('waiting');
  list.replaceChildren(...e.detail.waiting.map((w) => {
    const li = Object.assign(document.createElement('li'), { textContent: `${w.name} ` });
    li.dataset.waitingId = w.waitingId;
    for (const [label, yes] of [['admit', true], ['deny', false]]) {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: t(label),
        className: label });
      button.addEventListener('click', () => client.admit(w.waitingId, yes)
        .catch((error) => showStatus(describeError(error))));
      li.append(button);
    }
    return li;
  }));
  document.getElementById('waiting-heading').hidden = e.detail.waiting.length === 0;
});
client.addEventListener('controls', (e) => {
  controlsNow = { ...e.detail, waitingRoomOn: controlsNow.waitingRoomOn };
  for (const [id, , isOn] of ONE_KEY) {
    const on = isOn(controlsNow);
    document.getElementById(id).classList.toggle('up', on);
    document.getElementById(id).setAttribute('aria-pressed', String(on));
  }
  if (e.detail.cutOff) showStatus(`${t('cutOffByStaff')}: ${e.detail.cutOff}`);
});

function showSharing() {
  shareButton.textContent = client.sharingScreen ? t('stopSharing') : t('shareScreen');
  shareButton.classList.toggle('up', client.sharingScreen);
}
shareButton.addEventListener('click', async () => {
  try {
    if (client.sharingScreen) {
      await client.stopScreen();
    } else {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 15 }, audio: false });
      stream.getVideoTracks()[0].addEventListener('ended', () => setTimeout(showSharing));
      await client.shareScreen(stream);
    }
  } catch (error) {
    console.error(error);
    showStatus(describeError(error));
  }
  showSharing();
});

// After a network drop or a server restart, join again.
client.addEventListener('state', (e) => {
  if (e.detail.state === 'disconnected') {
    showStatus(t('offline'));
    setTimeout(() => location.reload(), 5000);
  } else if (['replaced', 'signed-out', 'grant-revoked'].includes(e.detail.state)) {
    showStatus(t(e.detail.state));
  }
});

setInterval(async () => {
  if (client.state !== 'live') return;
  const { inbound } = await hook.stats();
  for (const [participantId, tile] of tiles) {
    const video = inbound.find((s) => s.participantId === participantId && s.kind === 'video');
    const fps = video && lastFrames.has(participantId)
      ? Math.max(0, video.framesDecoded - lastFrames.get(participantId)) : undefined;
    if (video) lastFrames.set(participantId, video.framesDecoded);
    const report = reported.get(participantId) ?? {};
    const level = grade({ ...report, framesPerSecond: fps });
    const badge = tile.querySelector('.badge');
    badge.textContent = t(`quality_${level}`);
    badge.className = `badge ${level}`;
    tile.classList.toggle('poor', level !== 'good');
    tile.querySelector('.quality').textContent = describe(video, fps, report.lossPercent);
  }
}, 1000);

reportQuality(client);
await startWithCamera(client, hook, (error) => showStatus(describeError(error)));
updateEmpty();

// A signed-in teacher sends the receiving classrooms a link: an invitation to this lesson, valid for 12 hours. A new
// link withdraws the old one: a room that came in with it is put out (a link that went astray).
const grantsPath = `/api/lessons/${encodeURIComponent(client.lessonId)}/grants`;
let invitation = null;
async function showInvitation() {
  invitation = (await api(grantsPath, { body: { role: 'classroom' }, stayOnLogin: true })).grant;
  document.getElementById('invite-link').textContent = `${t('inviteLink')}: ${location.origin}/classroom.html?lesson=`
    + `${encodeURIComponent(client.lessonId)}&grant=${invitation}`;
  document.getElementById('invite').hidden = false;
}
if (!client.grant) {
  showInvitation().catch((error) => console.error(error));
  document.getElementById('withdraw').addEventListener('click', async () => {
    try {
      await api(`${grantsPath}/revoke`, { body: { grant: invitation }, stayOnLogin: true });
      await showInvitation();
    } catch (error) {
      showStatus(describeError(error));
    }
  });
}

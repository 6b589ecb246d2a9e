import { api } from './access.js';
import { describeError, t, translatePage } from './i18n.js';
import { el, locale } from './dom.js';

// Replays (issue 15): a reviewer's queue (watch, approve, or reject with a reason: nothing plays for learners before
// it is approved, S19), and the replays the person may watch, in a player with a faint watermark of their name. The
// server decides what is listed and what plays.
translatePage();
const message = document.getElementById('message');
const enc = encodeURIComponent;
const button = (label, onClick) => {
  const b = el('button', { type: 'button', textContent: t(label), className: label });
  b.addEventListener('click', onClick);
  return b;
};
const minutes = (s) => (s ? `${Math.round(s / 60)} ${t('minutesShort')}` : '');

function caption(r) {
  return `${r.title} · ${r.teacherName} · ${new Date(r.startedAt).toLocaleString(locale)} · ${minutes(r.durationSeconds)}`;
}

function play(r) {
  document.getElementById('player-section').hidden = false;
  document.getElementById('playing').textContent = caption(r);
  const player = document.getElementById('player');
  player.src = `/api/replays/${enc(r.id)}/video`;
  player.play().catch(() => {});
}

function item(r, review) {
  const li = el('li', { className: 'replay' });
  li.dataset.replay = r.id;
  li.append(el('h3', { textContent: caption(r) }), button('watch', () => play(r)));
  if (review) {
    li.append(button('approve', () => decide(r, 'approve')), button('reject', () => {
      const reason = window.prompt(t('rejectReason'));
      if (reason && reason.trim()) decide(r, 'reject', reason.trim().slice(0, 200));
    }));
  }
  return li;
}

async function decide(r, outcome, reason) {
  try {
    await api(`/api/replays/${enc(r.id)}/decision`, { body: { version: r.version, outcome,
      ...(reason ? { reason } : {}) } });
    message.textContent = t('saved');
    await refresh();
  } catch (error) {
    message.textContent = describeError(error);
  }
}

async function refresh() {
  const me = await api('/api/session');
  document.getElementById('watermark').textContent = `${me.person?.name ?? ''} · ${me.person?.id ?? ''}`;
  if (me.person?.role === 'reviewer') {
    const pending = await api('/api/replays/pending');
    document.getElementById('review-section').hidden = false;
    document.getElementById('pending').replaceChildren(...pending.map((r) => item(r, true)));
    document.getElementById('no-pending').hidden = pending.length > 0;
  }
  const library = (await api('/api/replays')).filter((r) => r.state === 'approved');
  document.getElementById('library').replaceChildren(...library.map((r) => item(r, false)));
  document.getElementById('no-replays').hidden = library.length > 0;
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  location.href = `/login.html${location.search}`;
});
refresh().catch((error) => { message.textContent = describeError(error); });

import { api } from './access.js';
import { describeError, t, translatePage } from './i18n.js';

// A person's rights over their data (S39): see, download, correct, ask to delete, and read the decision; and, by
// role, the school's decisions on such requests, real-name verification and staff permissions (S4, S34), and the
// auditor's trail. The server decides who may do what; this page only shows what it allows.
translatePage();
const message = document.getElementById('message');
const say = (text) => { message.textContent = text; };
const enc = encodeURIComponent;
const when = (iso) => (iso ? new Date(iso).toLocaleString(document.documentElement.lang) : '');
const el = (tag, props = {}, ...children) => {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
};

/** One person's data (oneself, or a ward), with what the person may do with it. */
async function showData(personId, into) {
  const data = await api(`/api/people/${enc(personId)}/data`);
  const box = el('div', { className: 'record' });
  box.dataset.person = personId;
  const p = data.person;
  box.append(el('h3', { textContent: `${p.name} · ${t(`role_${p.role}`)}` }));
  const facts = el('ul');
  facts.append(el('li', { textContent: `${t('loginName')}: ${data.account.loginName ?? '—'}` }),
    el('li', { textContent: `${t('realName')}: ${data.realName.verified ? t('verified') : t('notVerified')}` }),
    el('li', { textContent: `${t('lessonsJoined')}: ${data.lessons.length}` }));
  box.append(facts);
  const download = el('button', { type: 'button', textContent: t('download'), className: 'download' });
  download.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = el('a', { href: URL.createObjectURL(blob), download: `sanke-data-${p.id}.json` });
    link.click();
    URL.revokeObjectURL(link.href);
  });
  const correct = el('form', { className: 'correct' });
  correct.append(el('input', { name: 'name', value: p.name, maxLength: 64, required: true, ariaLabel: t('name') }),
    el('button', { textContent: t('correctName') }));
  correct.addEventListener('submit', (event) => act(event, () => api(`/api/people/${enc(personId)}`,
    { method: 'PATCH', body: { name: correct.name.value } })));
  const erase = el('button', { type: 'button', textContent: t('askDeletion'), className: 'ask-deletion' });
  erase.addEventListener('click', (event) => {
    if (confirm(t('askDeletionConfirm'))) {
      act(event, () => api(`/api/people/${enc(personId)}/deletion-requests`, { body: {} }));
    }
  });
  box.append(download, correct, erase);
  if (data.minor && data.minor.ageBand !== 'adult') box.append(minorState(personId, data.minor));
  const requests = el('ul', { className: 'requests' });
  for (const r of data.deletionRequests) {
    requests.append(el('li', { className: `request ${r.state}`, textContent: `${when(r.requestedAt)} · `
      + `${t(`request_${r.state}`)}${r.reason ? ` · ${t('reason')}: ${r.reason}` : ''}` }));
  }
  box.append(requests);
  into.append(box);
  return data;
}

/**
 * A minor's state (S33): under 14, whether a guardian consented to the child appearing in lessons (camera and
 * microphone when brought on stage) and in recordings; the guardian gives or withdraws it here. The server decides
 * who may.
 */
function minorState(personId, minor) {
  const box = el('div', { className: 'minor' });
  box.append(el('p', { textContent: `${t('ageBand')}: ${t(`ageBand_${minor.ageBand}`)}` }));
  if (minor.ageBand === 'under_14') {
    box.append(el('p', { textContent: minor.guardianConsent ? `${t('consentGiven')} (${when(minor.consentAt)})`
      : t('consentNotGiven') }));
    const change = el('button', { type: 'button', className: 'consent',
      textContent: t(minor.guardianConsent ? 'withdrawConsent' : 'giveConsent') });
    change.addEventListener('click', (event) => act(event, () => api(`/api/people/${enc(personId)}/guardian-consent`,
      { method: 'PUT', body: { consent: !minor.guardianConsent } })));
    box.append(change);
  }
  return box;
}

/** Runs a change, says how it went, and shows the page afresh. */
async function act(event, change) {
  event.preventDefault?.();
  try {
    await change();
    say(t('saved'));
    await refresh();
  } catch (error) {
    say(describeError(error));
  }
}

async function showDecisions() {
  const list = document.getElementById('pending');
  const pending = await api('/api/data-requests');
  list.replaceChildren(...pending.map((r) => {
    const li = el('li', { className: 'pending-request', textContent: `${when(r.requestedAt)} · ${r.personId} ` });
    const carry = el('button', { type: 'button', textContent: t('carryOut'), className: 'carry-out' });
    carry.addEventListener('click', (event) => {
      if (confirm(t('carryOutConfirm'))) {
        act(event, () => api(`/api/data-requests/${enc(r.id)}/decision`, { body: { carryOut: true } }));
      }
    });
    const refuse = el('form', { className: 'refuse' });
    refuse.append(el('input', { name: 'reason', required: true, maxLength: 1000, placeholder: t('reason'),
      ariaLabel: t('reason') }),
      el('button', { textContent: t('refuse') }));
    refuse.addEventListener('submit', (event) => act(event, () => api(`/api/data-requests/${enc(r.id)}/decision`,
      { body: { carryOut: false, reason: refuse.reason.value } })));
    li.append(carry, refuse);
    return li;
  }));
  if (!pending.length) list.append(el('li', { textContent: t('nothingPending') }));
}

const STAFF = ['platform_admin', 'school_admin', 'inspector', 'reviewer', 'security_admin', 'auditor'];

async function showIdentity(me) {
  const people = await api('/api/people');
  const rows = [];
  for (const p of people) {
    const row = el('tr');
    const verify = el('form', { className: 'verify' });
    const method = el('select', { name: 'method', ariaLabel: t('verifyMethod') });
    for (const m of ['documents_checked', 'qualification_registry', 'identity_provider']) {
      method.append(new Option(t(`method_${m}`), m));
    }
    verify.append(method, el('button', { textContent: t('verify') }));
    verify.addEventListener('submit', (event) => act(event, () => api(`/api/people/${enc(p.id)}/real-name`,
      { method: 'PUT', body: { method: method.value } })));
    const withdraw = el('button', { type: 'button', textContent: t('withdraw') });
    withdraw.addEventListener('click', (event) => act(event, () => api(`/api/people/${enc(p.id)}/real-name`,
      { method: 'DELETE' })));
    const cell = el('td');
    cell.append(verify, withdraw);
    if (me.role === 'security_admin' && STAFF.includes(p.role) && p.id !== me.id) {
      for (const give of [true, false]) {
        const button = el('button', { type: 'button', textContent: t(give ? 'permitMinors' : 'withdrawMinors') });
        button.addEventListener('click', (event) => act(event, () => api(
          `/api/people/${enc(p.id)}/permissions/minors-data`, { method: give ? 'PUT' : 'DELETE' })));
        cell.append(button);
      }
    }
    row.append(el('td', { textContent: p.name ?? t('nameHidden') }), el('td', { textContent: t(`role_${p.role}`) }),
      el('td', { textContent: p.realNameVerified ? t('verified') : t('notVerified') }), cell);
    rows.push(row);
  }
  document.getElementById('people').replaceChildren(...rows);
}

let oldest = null;
async function showTrail(more) {
  const page = await api(`/api/audit?limit=100${more && oldest ? `&before=${oldest}` : ''}`);
  const body = document.getElementById('trail');
  if (!more) body.replaceChildren();
  for (const e of page) {
    const row = el('tr');
    for (const text of [when(e.at), `${e.actorId ?? '—'}${e.actorRole ? ` (${t(`role_${e.actorRole}`)})` : ''}`
      + (e.sourceAddress ? ` ${e.sourceAddress}` : ''), actionLabel(e.action) + (e.outcome === 'failure' ? ` (${t('failed')})` : ''),
      e.subject ?? '', e.detail ?? '']) {
      row.append(el('td', { textContent: text }));
    }
    body.append(row);
    oldest = e.id;
  }
  document.getElementById('older').hidden = page.length < 100;
}
document.getElementById('older').addEventListener('click', () => showTrail(true).catch((e) => say(describeError(e))));

async function refresh() {
  const { person: me } = await api('/api/session');
  const own = document.getElementById('own');
  own.replaceChildren();
  const mine = await showData(me.id, own);
  for (const ward of mine.wardIds) await showData(ward, own);
  const decides = ['school_admin', 'platform_admin'].includes(me.role);
  document.getElementById('decisions').hidden = !decides;
  if (decides) await showDecisions();
  const vouches = ['school_admin', 'security_admin'].includes(me.role);
  document.getElementById('identity').hidden = !vouches;
  if (vouches) await showIdentity(me);
  document.getElementById('audit').hidden = me.role !== 'auditor';
  if (me.role === 'auditor') await showTrail(false);
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  location.href = `/login.html${location.search}`;
});
refresh().catch((error) => say(describeError(error)));

/** An audit action as people read it: from the table, a lock or a moderation with what it acted on. */
function actionLabel(code) {
  const known = t(`action_${code}`);
  if (known !== `action_${code}`) return known;
  for (const [prefix, kind, detail] of [['lock_', 'action_lock', 'feature_'], ['moderation_', 'action_moderation',
    'moderate_']]) {
    if (code.startsWith(prefix)) return `${t(kind)}: ${t(detail + code.slice(prefix.length))}`;
  }
  return code.replaceAll('_', ' ');
}

import { api } from './access.js';
import { describeError, translatePage } from './i18n.js';

// Logging in, then what the server says is still to do: a password of one's own, a second factor (with recovery
// codes, shown once). Then back to the page that sent the person here.
translatePage();
const params = new URLSearchParams(location.search);
const message = document.getElementById('message');
const forms = ['login-form', 'password-form', 'factor-form', 'recovery'].map((id) => document.getElementById(id));

function show(id) {
  for (const form of forms) form.hidden = form.id !== id;
}

function leave(person) {
  const next = params.get('next');
  // Only a page of this server: never a redirect elsewhere.
  const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
  const home = ['platform_admin', 'school_admin'].includes(person.role) ? '/admin.html'
    : ['guardian', 'learner', 'security_admin', 'auditor'].includes(person.role) ? '/records.html'
      : ['lead_teacher', 'assistant_teacher'].includes(person.role) ? '/lessons.html'
        : person.role === 'inspector' ? '/patrol.html' : person.role === 'reviewer' ? '/replays.html' : '/';
  location.href = safe ?? home;
}

async function carryOn(me) {
  message.textContent = '';
  if (me.pending.includes('change_password')) {
    show('password-form');
  } else if (me.pending.includes('set_up_second_factor')) {
    const setup = await api('/api/session/second-factor', { body: {}, stayOnLogin: true });
    document.getElementById('factor-secret').textContent = setup.secret.replace(/(.{4})/g, '$1 ').trim();
    document.getElementById('factor-uri').href = setup.otpauthUri;
    document.getElementById('factor-qr').src = setup.qrCode;
    show('factor-form');
  } else {
    leave(me.person);
  }
}

const loginForm = document.getElementById('login-form');
loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const body = { login: loginForm.login.value, password: loginForm.password.value };
    if (loginForm.code.value) body.code = loginForm.code.value;
    await carryOn(await api('/api/session', { body, stayOnLogin: true }));
  } catch (error) {
    if (error.code === 'second_factor_required' || error.code === 'wrong_second_factor') {
      document.getElementById('code-label').hidden = false;
      loginForm.code.focus();
    }
    message.textContent = describeError(error);
  }
});

const passwordForm = document.getElementById('password-form');
passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await carryOn(await api('/api/session/password', { body: { current: passwordForm.current.value,
      next: passwordForm.next.value }, stayOnLogin: true }));
  } catch (error) {
    message.textContent = describeError(error);
  }
});

const factorForm = document.getElementById('factor-form');
let afterRecovery = null;
factorForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const me = await api('/api/session/second-factor/confirm', { body: { code: factorForm.code.value },
      stayOnLogin: true });
    document.getElementById('recovery-codes').replaceChildren(...me.recoveryCodes.map((code) =>
      Object.assign(document.createElement('li'), { textContent: code })));
    afterRecovery = me;
    show('recovery');
  } catch (error) {
    message.textContent = describeError(error);
  }
});
document.getElementById('continue').addEventListener('click', () => carryOn(afterRecovery));

// Single sign-on, where the platform has it: the provider sends the browser back to the same next page.
api('/api/setup', { stayOnLogin: true }).then((setup) => {
  if (!setup.singleSignOn) return;
  const next = params.get('next') ?? '/';
  document.getElementById('sso-link').href = `/api/session/oidc?next=${encodeURIComponent(next)}`;
  document.getElementById('single-sign-on').hidden = false;
}).catch(() => {});

try {
  await carryOn(await api('/api/session', { stayOnLogin: true }));
} catch {
  show('login-form');
}

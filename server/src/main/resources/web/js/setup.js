import { api } from './access.js';
import { describeError, translatePage } from './i18n.js';

// The first run: the code the server printed on its console makes the first platform administrator, who then
// sets up a second factor on the login page.
translatePage();
const params = new URLSearchParams(location.search);
const form = document.getElementById('setup-form');
const message = document.getElementById('message');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('/api/setup', { body: { code: params.get('code') ?? '', name: form.name.value,
      login: form.login.value, password: form.password.value }, stayOnLogin: true });
    location.href = `/login.html?next=${encodeURIComponent('/admin.html')}${params.get('lang') ? `&lang=${params.get('lang')}` : ''}`;
  } catch (error) {
    message.textContent = describeError(error);
  }
});

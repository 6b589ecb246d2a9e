// The chat list and its form, shared by the pages that show chat.
import { describeError } from './i18n.js';

/** A refusal of what this page sent (blocked words, too fast), shown where the text would have appeared. */
export function showRefusal(list, error) {
  const notice = document.createElement('li');
  notice.className = 'notice';
  notice.textContent = describeError(error);
  list.append(notice);
  list.scrollTop = list.scrollHeight;
}

export function attachChat(client, list, form) {
  client.addEventListener('chat', (e) => {
    const item = document.createElement('li');
    const who = document.createElement('b');
    who.textContent = `${e.detail.name}: `;
    item.append(who, document.createTextNode(e.detail.text));
    list.append(item);
    list.scrollTop = list.scrollHeight;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.text.value.trim();
    if (!text) return;
    form.text.value = '';
    try {
      await client.chat(text);
    } catch (error) {
      console.error(error);
      showRefusal(list, error);
    }
  });
}

// The chat list and its form, shared by the pages that show chat.
import { describeError, t } from './i18n.js';

/** A refusal of what this page sent (blocked words, too fast), shown where the text would have appeared. */
export function showRefusal(list, error) {
  const notice = document.createElement('li');
  notice.className = 'notice';
  notice.textContent = describeError(error);
  list.append(notice);
  list.scrollTop = list.scrollHeight;
}

/** Reports a message to safety staff (S14): the server keeps the text as it was shown, who wrote it and when. */
function reportButton(client, list, message) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'report-message';
  button.textContent = t('reportMessage');
  button.setAttribute('aria-label', `${t('reportMessage')}: ${message.name}`);
  button.addEventListener('click', async () => {
    const reason = window.prompt(t('reportReason'));
    if (!reason || !reason.trim()) return;
    try {
      await client.report({ kind: 'message', participantId: message.participantId,
        reason: reason.trim().slice(0, 200), text: message.text });
      button.disabled = true;
      button.textContent = t('reported');
    } catch (error) {
      showRefusal(list, error);
    }
  });
  return button;
}

export function attachChat(client, list, form) {
  client.addEventListener('chat', (e) => {
    const item = document.createElement('li');
    const who = document.createElement('b');
    who.textContent = `${e.detail.name}: `;
    item.append(who, document.createTextNode(e.detail.text));
    if (e.detail.participantId && e.detail.participantId !== client.participantId) {
      item.append(reportButton(client, list, e.detail));
    }
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

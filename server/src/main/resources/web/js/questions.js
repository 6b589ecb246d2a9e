import { t } from './i18n.js';
import { showRefusal } from './chat.js';

/**
 * The lesson's questions (Q&A) as a list: the teacher marks them answered; the audience asks from the chat form's
 * "ask" button. Answered questions stay, greyed, so nobody asks them again.
 */
export function attachQuestions(client, list, { teacher = false, form = null, askButton = null } = {}) {
  const items = new Map();

  function show(question) {
    let item = items.get(question.questionId);
    if (!item) {
      item = document.createElement('li');
      const who = document.createElement('b');
      who.textContent = `${question.name}: `;
      item.append(who, document.createTextNode(question.text));
      if (teacher) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'answered';
        button.textContent = t('markAnswered');
        button.addEventListener('click',
          () => client.markAnswered(question.questionId).catch((error) => console.error(error)));
        item.append(' ', button);
      }
      items.set(question.questionId, item);
      list.append(item);
      list.scrollTop = list.scrollHeight;
    }
    if (question.answered) markAnswered(question.questionId);
  }

  function markAnswered(questionId) {
    const item = items.get(questionId);
    if (!item) return;
    item.classList.add('answered');
    item.querySelector('button.answered')?.remove();
  }

  client.addEventListener('state', (e) => {
    if (e.detail.state === 'joined') client.questions.forEach(show);
  });
  client.addEventListener('question', (e) => show(e.detail));
  client.addEventListener('question-answered', (e) => markAnswered(e.detail.questionId));
  askButton?.addEventListener('click', async () => {
    const text = form.text.value.trim();
    if (!text) return;
    form.text.value = '';
    try {
      await client.ask(text);
    } catch (error) {
      console.error(error);
      showRefusal(list, error);
    }
  });
}

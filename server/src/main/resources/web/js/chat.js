// The chat list and its form, shared by the pages that show chat.
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
    }
  });
}

import { t } from './i18n.js';

// The lesson is being recorded (S17): a plain red mark in the page's header while it is, for everyone in the room.
export function showRecording(client, badge) {
  badge.textContent = `● ${t('recordingNow')}`;
  badge.hidden = !client.recording;
  client.addEventListener('recording', (e) => {
    badge.hidden = !e.detail.on;
  });
}

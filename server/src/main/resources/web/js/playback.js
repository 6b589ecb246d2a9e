import { t } from './i18n.js';

/**
 * Plays received media under the browser's autoplay rules. A page that has no camera open and no click yet may not
 * start sound by itself (observers and learners are such pages), so an element that is refused plays muted, and one
 * obvious "click for sound" button unmutes everything that was muted this way.
 */
const mutedByPolicy = new Set();
let soundButton = null;

export function play(media) {
  media.play().catch((error) => {
    // AbortError: a newer source replaced this one, and its own play() decides.
    if (error.name !== 'NotAllowedError') return;
    media.muted = true;
    mutedByPolicy.add(media);
    media.play().catch((again) => console.warn('muted playback refused too', again));
    showSoundButton();
  });
}

/** Whether some media plays muted because the browser wants a click first. */
export function waitingForClick() {
  return mutedByPolicy.size > 0;
}

function showSoundButton() {
  if (!soundButton) {
    soundButton = document.createElement('button');
    soundButton.type = 'button';
    soundButton.id = 'sound';
    soundButton.className = 'sound-button';
    soundButton.textContent = t('clickForSound');
    soundButton.addEventListener('click', () => {
      for (const media of mutedByPolicy) {
        media.muted = false;
        media.play().catch((error) => console.warn('playback with sound refused', error));
      }
      mutedByPolicy.clear();
      soundButton.hidden = true;
    });
    document.body.append(soundButton);
  }
  soundButton.hidden = false;
  soundButton.focus();
}

import { t } from './i18n.js';
import { play } from './playback.js';

/**
 * The big screen of a receiving page (a classroom, an observer): the teacher full screen, the teacher's screen share
 * in front with the teacher's camera small beside it, whoever is on stage as tiles along the bottom, and a banner
 * with the state (waiting for the teacher, reconnecting, left…).
 */
export class StageView {
  teacherId = null;

  /** @param reconnect whether this page itself joins again after a drop (a terminal's frame leaves it to the terminal) */
  constructor(client, hook, { reconnect }) {
    this.client = client;
    this.hook = hook;
    const banner = document.getElementById('status');
    const showStatus = (text) => {
      banner.textContent = text;
      banner.hidden = !text;
    };
    this.showStatus = showStatus;
    client.addEventListener('state', (e) => {
      const state = e.detail.state;
      if (state === 'live') {
        showStatus(this.teacherId ? '' : t('waitingTeacher'));
      } else if (state === 'disconnected' && reconnect) {
        showStatus(t('offline'));
        setTimeout(() => location.reload(), 5000);
      } else {
        showStatus(t(state));
      }
    });
    this.teacherVideo = document.getElementById('teacher');
    this.screenVideo = document.getElementById('screen');
    this.stageStrip = document.getElementById('on-stage');
    this.stagedTiles = new Map();
    client.addEventListener('participant-media', (e) => this.#onMedia(e.detail));
    client.addEventListener('media-ended', (e) => {
      if (e.detail.source === 'screen') this.#showScreen(null);
    });
    client.addEventListener('stage-changed', (e) => {
      if (!e.detail.on) this.#removeTile(e.detail.participantId);
    });
    client.addEventListener('participant-left', (e) => {
      this.#removeTile(e.detail.participantId);
      if (e.detail.participantId === this.teacherId) {
        this.teacherId = null;
        this.teacherVideo.srcObject = null;
        this.#showScreen(null);
        showStatus(t('teacherLeft'));
      }
    });
  }

  #onMedia({ participantId, name, role, kind, source, stream }) {
    if (role && role !== 'teacher') {
      this.#showTile(participantId, name, stream);
      return;
    }
    if (source === 'screen') {
      this.#showScreen(stream);
      return;
    }
    this.teacherId = participantId;
    if (this.teacherVideo.srcObject !== stream) {
      this.teacherVideo.srcObject = stream;
      play(this.teacherVideo);
    }
    if (kind === 'video' && this.hook.joinToFirstFrameMs === null) this.#measureFirstFrame(participantId);
    this.showStatus('');
  }

  #showScreen(stream) {
    if (this.screenVideo.srcObject !== stream) {
      this.screenVideo.srcObject = stream;
      if (stream) play(this.screenVideo);
    }
    this.screenVideo.hidden = !stream;
    document.body.classList.toggle('sharing', Boolean(stream));
  }

  /** Someone the teacher brought on stage: a tile beside the teacher. */
  #showTile(participantId, name, stream) {
    let tile = this.stagedTiles.get(participantId);
    if (!tile) {
      tile = document.createElement('figure');
      tile.className = 'tile';
      tile.innerHTML = '<video autoplay playsinline></video><figcaption></figcaption>';
      tile.querySelector('figcaption').textContent = name;
      this.stageStrip.append(tile);
      this.stagedTiles.set(participantId, tile);
    }
    const video = tile.querySelector('video');
    if (video.srcObject !== stream) {
      video.srcObject = stream;
      play(video);
    }
  }

  #removeTile(participantId) {
    this.stagedTiles.get(participantId)?.remove();
    this.stagedTiles.delete(participantId);
  }

  /** Join to first decoded frame, as WebRTC counts frames: polled every 10 ms until the first one. */
  async #measureFirstFrame(participantId) {
    while (this.hook.joinToFirstFrameMs === null && this.client.state !== 'left') {
      const { inbound } = await this.hook.stats();
      if (inbound.some((s) => s.participantId === participantId && s.kind === 'video' && s.framesDecoded > 0)) {
        this.hook.joinToFirstFrameMs = performance.now() - this.client.signaling.openedAt;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** A raise-hand button that shows whether this participant's hand is up, and raises or lowers it. */
export function attachHandButton(client, button) {
  let handUp = false;
  client.addEventListener('hand-queue', (e) => {
    handUp = e.detail.includes(client.participantId);
    button.textContent = handUp ? t('lowerHand') : t('raiseHand');
    button.classList.toggle('up', handUp);
  });
  button.addEventListener('click', () => (handUp ? client.lowerHand() : client.raiseHand())
    .catch((error) => console.error(error)));
}

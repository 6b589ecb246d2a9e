import { t } from './i18n.js';

// The check a room does before its lesson, as meeting products have: the camera's picture, the microphone's level
// as a bar that moves when someone speaks, and a test tone for the loudspeakers.
let audio = null;

/** Opens the check in {@code panel}: its own camera and microphone, released when the check is closed. */
export async function openDeviceCheck(panel) {
  const video = panel.querySelector('video');
  const meter = panel.querySelector('meter');
  const note = panel.querySelector('.device-note');
  panel.hidden = false;
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch (error) {
    note.textContent = t(error.name === 'NotAllowedError' ? 'camera_refused' : 'no_camera');
    return () => { panel.hidden = true; };
  }
  video.srcObject = stream;
  video.muted = true;
  video.play().catch(() => {});
  audio ??= new AudioContext();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 512;
  const source = audio.createMediaStreamSource(stream);
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    meter.value = Math.min(1, Math.sqrt(sum / samples.length) * 4); // speech sits near a quarter of full scale
    window.sanke ??= {};
    window.sanke.microphoneLevel = meter.value;
  }, 100);
  note.textContent = t('deviceCheckNote');
  return () => {
    clearInterval(timer);
    source.disconnect();
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
    panel.hidden = true;
  };
}

/** One second of a 440 Hz tone: if the room hears it, the loudspeakers work. */
export async function playTestTone() {
  audio ??= new AudioContext();
  await audio.resume();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  gain.gain.value = 0.2;
  tone.frequency.value = 440;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 1);
  window.sanke ??= {};
  window.sanke.testTones = (window.sanke.testTones ?? 0) + 1;
  return audio.state;
}

/** The check's panel, made once: the camera's picture, the microphone's level, the test tone and a close button. */
function panelOf() {
  let panel = document.getElementById('device-panel');
  if (panel) return panel;
  panel = Object.assign(document.createElement('section'), { id: 'device-panel', className: 'device-panel',
    hidden: true });
  const level = document.createElement('label');
  level.className = 'level';
  level.append(Object.assign(document.createElement('span'), { textContent: t('microphoneLevel') }), ' ',
    Object.assign(document.createElement('meter'), { min: 0, max: 1, value: 0 }));
  panel.append(Object.assign(document.createElement('h2'), { textContent: t('deviceCheck') }),
    Object.assign(document.createElement('video'), { autoplay: true, playsInline: true, muted: true }), level,
    Object.assign(document.createElement('button'), { type: 'button', id: 'test-tone', textContent: t('testTone') }),
    Object.assign(document.createElement('button'), { type: 'button', id: 'close-check',
      textContent: t('closeCheck') }),
    Object.assign(document.createElement('p'), { className: 'device-note', role: 'status' }));
  document.body.append(panel);
  return panel;
}

/** Wires a page's device-check button (id device-check) to the check's panel. */
export function attachDeviceCheck() {
  const panel = panelOf();
  let close = null;
  document.getElementById('device-check').addEventListener('click', async () => {
    close?.();
    close = await openDeviceCheck(panel);
    document.getElementById('test-tone').focus();
  });
  document.getElementById('test-tone').addEventListener('click', async () => {
    const state = await playTestTone();
    panel.querySelector('.device-note').textContent = state === 'running' ? t('testTonePlaying') : t('error');
  });
  document.getElementById('close-check').addEventListener('click', () => {
    close?.();
    close = null;
    document.getElementById('device-check').focus();
  });
}

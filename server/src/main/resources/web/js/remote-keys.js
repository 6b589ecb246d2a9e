// A classroom's big screen is often driven by a TV remote: its arrow keys move the focus to the nearest control in
// that direction, and OK (Enter) presses it, as a browser does for any focused button.
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href]';

function visible(element) {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && !element.closest('[hidden]');
}

const DIRECTIONS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** The control nearest to {@code from} in direction (dx, dy), favouring those straight ahead. */
function nearest(from, [dx, dy]) {
  const a = from.getBoundingClientRect();
  const ax = a.left + a.width / 2;
  const ay = a.top + a.height / 2;
  let best = null;
  let bestScore = Infinity;
  for (const candidate of document.querySelectorAll(FOCUSABLE)) {
    if (candidate === from || !visible(candidate)) continue;
    const b = candidate.getBoundingClientRect();
    const along = (b.left + b.width / 2 - ax) * dx + (b.top + b.height / 2 - ay) * dy;
    const across = Math.abs((b.left + b.width / 2 - ax) * dy) + Math.abs((b.top + b.height / 2 - ay) * dx);
    if (along <= 0) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export function enableRemoteKeys() {
  document.addEventListener('keydown', (event) => {
    const direction = DIRECTIONS[event.key];
    if (!direction) return;
    const active = document.activeElement;
    // Arrows inside a text field move its cursor; a select changes its option: leave those alone.
    if (active && ['INPUT', 'SELECT', 'TEXTAREA'].includes(active.tagName)) return;
    const from = active && active !== document.body ? active : null;
    const target = from ? nearest(from, direction)
      : [...document.querySelectorAll(FOCUSABLE)].find(visible);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  });
}

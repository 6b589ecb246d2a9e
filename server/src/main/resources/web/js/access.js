// Talking to the REST API as the signed-in person (the session cookie travels by itself), and sending the person
// to the login page when the server asks for one.

/** A refusal of the server: its error code, the field at fault and why. */
export class ApiError extends Error {
  constructor(status, json) {
    super(`${json.field ? `${json.field}: ` : ''}${json.message ?? status}`);
    this.status = status;
    this.code = json.error;
    this.field = json.field;
    this.details = json.details;
  }
}

/** The login page, coming back here afterwards. */
export function toLogin() {
  const next = `${location.pathname}${location.search}`;
  location.href = `/login.html?next=${encodeURIComponent(next)}${langSuffix()}`;
}

function langSuffix() {
  const lang = new URLSearchParams(location.search).get('lang');
  return lang ? `&lang=${encodeURIComponent(lang)}` : '';
}

/**
 * Calls the API; a missing or ended session, or a step still to do, goes to the login page (unless
 * {@code stayOnLogin}); any other refusal throws an ApiError.
 */
export async function api(path, { method, body, stayOnLogin } = {}) {
  const response = await fetch(path, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: body ? { 'Content-Type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (!stayOnLogin && (error.code === 'login_required' || error.code === 'pending_step')) {
      toLogin();
    }
    throw error;
  }
  return json;
}

/** Leave for the signed-in person to join a lesson in a role, asked afresh at every join (it lasts minutes). */
export async function personalGrant(lessonId, role) {
  const issued = await api(`/api/lessons/${encodeURIComponent(lessonId)}/grants`, { body: { role } });
  return issued.grant;
}

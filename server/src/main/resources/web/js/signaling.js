// The WebSocket side of docs/protocol.md: requests with promises, server events by type.
export class Signaling extends EventTarget {
  #socket;
  #nextRequestId = 1;
  #pending = new Map();

  constructor(url) {
    super();
    this.url = url;
  }

  /** Opens the WebSocket; resolves when open. */
  connect() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.#socket = socket;
      socket.onopen = () => {
        this.openedAt = performance.now();
        resolve();
      };
      socket.onerror = () => reject(new Error('cannot reach the server'));
      socket.onclose = (event) => {
        for (const { reject: fail } of this.#pending.values()) {
          fail(new Error('connection closed'));
        }
        this.#pending.clear();
        this.dispatchEvent(new CustomEvent('close', { detail: { code: event.code, reason: event.reason } }));
      };
      socket.onmessage = (event) => this.#onMessage(event.data);
    });
  }

  /** Sends a request and resolves with its reply, or rejects with an Error carrying the error code. */
  request(type, fields = {}) {
    const requestId = this.#nextRequestId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(requestId, { resolve, reject });
      this.#socket.send(JSON.stringify({ type, requestId, ...fields }));
    });
  }

  close() {
    this.#socket?.close(1000, 'bye');
  }

  #onMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const waiting = message.requestId !== undefined ? this.#pending.get(message.requestId) : undefined;
    if (waiting) {
      this.#pending.delete(message.requestId);
      if (message.type === 'error') {
        const error = new Error(message.message);
        error.code = message.code;
        waiting.reject(error);
      } else {
        waiting.resolve(message);
      }
      return;
    }
    this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
  }
}

// The gateway's API with the operator's key: JSON requests, and server-sent event streams read
// with fetch, since EventSource cannot send an Authorization header.

const KEY = 'voicefarm.dashboard.key';
const RECONNECT_MS = 1000;

/** The admin key, kept for this tab only (sessionStorage): closing the tab logs out. */
export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { sessionStorage.setItem(KEY, value); },
  forget() { sessionStorage.removeItem(KEY); },
};

/** A refusal by the gateway, with its `error` code and `message`. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function authorization(key = session.key) {
  return { Authorization: `Bearer ${key}` };
}

async function refusal(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not the API's JSON (a proxy's page): the status line says enough
  }
  return new ApiError(response.status, body.error ?? `http_${response.status}`,
    body.message ?? `${response.status} ${response.statusText}`);
}

/**
 * Calls the API and answers its JSON. `json` is sent as a JSON body; `body` with `contentType` as
 * it is (a File is streamed with its length); `key` replaces the session's (to check one at log-in).
 */
export async function api(path, { method = 'GET', json, body, contentType, key, signal } = {}) {
  const headers = authorization(key);
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch(path, { method, headers, body, signal });
  if (!response.ok) throw await refusal(response);
  return response.json();
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** The events of a `text/event-stream` body: `{id, event, data}` with `data` parsed as JSON. */
async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: null, event: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop(); // an unfinished line waits for the next chunk
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') {
        if (event.data.length) yield { ...event, data: JSON.parse(event.data.join('\n')) };
        event = { id: event.id, event: 'message', data: [] };
      } else if (!line.startsWith(':')) { // ':' starts the keep-alive comments
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.event = text;
        else if (field === 'data') event.data.push(text);
      }
    }
  }
}

/**
 * Follows an event stream until `signal` aborts: calls `onEvent` for each event and `onState`
 * with `open` or `reconnecting`. A dropped connection is opened again with `Last-Event-ID`, so no
 * event is lost; a stream the server ends (a job's, after its terminal state) is reopened only
 * with `reopen`. A refusal (401, 404) is thrown: asking again would not change it.
 */
export async function follow(path, onEvent, { signal, reopen = false, onState = () => {} }) {
  let lastEventId = null;
  while (!signal.aborted) {
    try {
      const headers = { ...authorization(), Accept: 'text/event-stream' };
      if (lastEventId != null) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(path, { headers, signal, cache: 'no-store' });
      if (!response.ok) throw await refusal(response);
      onState('open');
      for await (const event of serverSentEvents(response.body)) {
        lastEventId = event.id ?? lastEventId;
        onEvent(event);
      }
      if (!reopen) return;
    } catch (error) {
      if (signal.aborted) return;
      // A refusal of the request (4xx) is final; the farm being busy or its store away (5xx) is waited out.
      if (error instanceof ApiError && error.status < 500) throw error;
    }
    onState('reconnecting');
    await pause(RECONNECT_MS, signal);
  }
}

/** Calls `task` now and then every `ms` after it finished, until `signal` aborts. */
export async function every(ms, task, signal) {
  while (!signal.aborted) {
    await task();
    await pause(ms, signal);
  }
}

// One job: its fields, its change log (GET /v1/jobs/{id}/events, live until its terminal state)
// and, once it SUCCEEDED with audio, a player.

import { api, follow } from '../api.js';
import { DASH, el, formatTime, percentOf } from '../dom.js';

function field(label, value, testid) {
  return [el('dt', {}, label), el('dd', { 'data-testid': testid }, value ?? DASH)];
}

function details(job) {
  const percent = percentOf(job.progress);
  return el('dl', { class: 'details' },
    field('Status', el('span', { class: `status status-${job.status}` }, job.status), 'job-status'),
    field('Kind', job.kind, 'job-kind'),
    field('Tenant', job.tenant, 'job-tenant'),
    field('Class', job.hardwareClass, 'job-class'),
    field('Routing', job.routing, 'job-routing'),
    field('Attempts', job.attempts, 'job-attempts'),
    field('Worker', job.workerId, 'job-worker'),
    field('Created', formatTime(job.createdAt), 'job-created'),
    field('Started', formatTime(job.startedAt), 'job-started'),
    field('Finished', formatTime(job.finishedAt), 'job-finished'),
    field('Reason', job.reason, 'job-reason'),
    percent == null ? null : field('Progress', el('progress', { max: 100, value: percent, 'aria-label': 'training progress' }, `${percent} %`), 'job-progress'));
}

function eventItem({ event, data }) {
  const text = event === 'progress'
    ? `epoch ${data.progress.epoch} of ${data.progress.epochs} (${data.percent} %), loss ${data.progress.loss.toFixed(4)}`
    : `${data.status}${data.attempt ? `, attempt ${data.attempt}` : ''}${data.reason ? `: ${data.reason}` : ''}`;
  return el('li', { 'data-testid': 'job-event', 'data-event': event, 'data-status': data.status },
    el('time', { datetime: data.at }, formatTime(data.at)), ' ', text);
}

export function jobView(root, { signal, fail }, id) {
  const summary = el('div', { 'aria-live': 'polite' });
  const player = el('div');
  const events = el('ol', { class: 'events', 'data-testid': 'job-events' });
  root.append(el('h2', {}, 'Job ', el('span', { class: 'mono', 'data-testid': 'job-id' }, id)), summary, player,
    el('h3', {}, 'Events'), events);

  let job = null;
  let asked = 0;

  function draw() {
    summary.replaceChildren(details(job));
    // Drawn once: redrawing would stop what is playing. The URL is presigned, for 15 minutes.
    if (job.status === 'SUCCEEDED' && job.result?.audioUrl && !player.hasChildNodes()) {
      player.append(el('audio', { controls: true, preload: 'auto', src: job.result.audioUrl, 'data-testid': 'job-audio', 'aria-label': 'the job\'s audio' }));
    }
  }

  /** Reads the job again; of answers that cross, only the last request's is drawn. */
  async function refresh() {
    const request = ++asked;
    try {
      const fresh = await api(`/v1/jobs/${encodeURIComponent(id)}`, { signal });
      if (request !== asked) return;
      job = fresh;
      draw();
    } catch (error) {
      fail(error);
    }
  }

  refresh();
  follow(`/v1/jobs/${encodeURIComponent(id)}/events`, (event) => {
    events.append(eventItem(event));
    if (event.event === 'status') {
      refresh();
    } else if (job) { // a training's epochs come several a second: drawn from the event, not read again
      job.progress = event.data.progress;
      draw();
    }
  }, { signal }).catch(fail);
}

// A table of jobs kept current from the farm's event stream (GET /v1/events): the jobs view and
// the training view both show one, with their own columns.

import { api, follow } from './api.js';
import { el, percentOf } from './dom.js';

/** Rows kept: a page left open on a busy farm must not grow without end. */
const MAX_ROWS = 200;

/** A job as an event of /v1/events describes it, in the fields of a JobView. */
function fromEvent({ data }) {
  const job = { id: data.jobId, tenant: data.tenant, kind: data.kind, hardwareClass: data.hardwareClass, status: data.status, updatedAt: data.at };
  if (data.reason != null) job.reason = data.reason;
  if (data.progress != null) job.progress = data.progress;
  return job;
}

/**
 * Shows the jobs of `GET /v1/jobs?<query>` in a table (one row per job, `data-job-id`) and keeps
 * it current: a job first seen in an event gets a row at the top, and each event redraws its row.
 * `columns` are `{title, cell(job)}`; `accepts(job)` says which jobs of the stream belong here.
 * Answers `add(job)`, for a job the view itself just submitted (its events may have come first).
 */
export function liveJobs(root, { testid, query, columns, accepts = () => true }, { signal, fail }) {
  const jobs = new Map();
  const rows = new Map();
  const body = el('tbody');
  const live = el('span', { class: 'live', 'data-testid': 'live', 'data-state': 'connecting' }, 'connecting…');
  root.append(el('p', { class: 'muted' }, 'Updates: ', live),
    el('table', { 'data-testid': testid },
      el('thead', {}, el('tr', {}, columns.map(({ title }) => el('th', { scope: 'col' }, title)))), body));

  /** Draws the job's row; a new row goes at the top, or with `'append'` at the bottom. */
  function draw(job, place = 'prepend') {
    const merged = { ...jobs.get(job.id), ...job };
    merged.percent = percentOf(merged.progress);
    jobs.set(job.id, merged);
    let row = rows.get(job.id);
    if (!row) {
      row = el('tr', { 'data-testid': `${testid}-row`, 'data-job-id': job.id });
      rows.set(job.id, row);
      body[place](row);
      if (rows.size > MAX_ROWS) forget(body.lastElementChild.dataset.jobId);
    }
    row.replaceChildren(...columns.map(({ cell }) => el('td', {}, cell(merged))));
  }

  function forget(id) {
    rows.get(id).remove();
    rows.delete(id);
    jobs.delete(id);
  }

  follow('/v1/events', (event) => {
    const job = fromEvent(event);
    if (accepts(job)) draw(job);
  }, {
    signal,
    reopen: true,
    onState: (state) => { live.dataset.state = state; live.textContent = state === 'open' ? 'live' : 'reconnecting…'; },
  }).catch(fail);

  // The list (newest first) is older than any event: it goes below the rows events drew, and never
  // overwrites one of them.
  api(`/v1/jobs?${query}`, { signal })
    .then(({ jobs: listed }) => listed.filter((job) => !jobs.has(job.id)).forEach((job) => draw(job, 'append')))
    .catch(fail);

  return { add: (job) => jobs.has(job.id) || draw(job) };
}

/** A job's status, coloured by what it means. */
export function statusCell(job) {
  return el('span', { class: `status status-${job.status}`, 'data-testid': 'job-status' }, job.status);
}

// Training: upload a dataset zip (POST /v1/datasets), train a voice on it (POST /v1/trainings),
// and follow every training's epochs as a progress bar fed by the event stream.

import { api } from '../api.js';
import { el, formatSeconds, jobLink } from '../dom.js';
import { liveJobs, statusCell } from '../live-jobs.js';

const LANGUAGES = ['en', 'zh', 'ja', 'ko', 'yue', 'de', 'fr', 'es', 'it', 'pt'];
const DEFAULT_EPOCHS = 60;

function progressCell(job) {
  return job.percent == null
    ? el('progress', { max: 100, 'aria-label': 'not started' })
    : el('progress', { max: 100, value: job.percent, 'aria-label': `${job.percent} % done` }, `${job.percent} %`);
}

function submitting(button, fail, action) {
  return async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
    }
  };
}

function datasetForm(onUploaded, fail) {
  const file = el('input', { id: 'dataset-file', type: 'file', accept: '.zip,application/zip', required: true, 'data-testid': 'dataset-file' });
  const upload = el('button', { type: 'submit', 'data-testid': 'dataset-upload' }, 'Upload');
  const info = el('p', { 'aria-live': 'polite' });
  return el('form', {
    class: 'panel',
    'aria-label': 'Upload a dataset',
    onsubmit: submitting(upload, fail, async () => {
      // The browser may name a zip application/x-zip-compressed or nothing: the gateway wants it said.
      const dataset = await api('/v1/datasets', { method: 'POST', body: file.files[0], contentType: 'application/zip' });
      info.replaceChildren(el('span', { 'data-testid': 'dataset-info', 'data-dataset-id': dataset.id },
        `Dataset ${dataset.id}: ${dataset.clips} clips, ${formatSeconds(dataset.totalSeconds)} (${dataset.layout})`));
      onUploaded(dataset);
    }),
  },
  el('h3', {}, '1. Dataset'),
  el('label', { for: 'dataset-file' }, 'Dataset zip (LJSpeech layout: metadata.csv and wavs/)'), file, upload, info);
}

function trainingForm(onSubmitted, fail) {
  let datasetId = null;
  const name = el('input', { id: 'training-name', required: true, maxlength: 100, 'data-testid': 'training-name' });
  const language = el('select', { id: 'training-language', 'data-testid': 'training-language' },
    LANGUAGES.map((code) => el('option', { value: code }, code)));
  const epochs = el('input', { id: 'training-epochs', type: 'number', min: 1, max: 500, value: DEFAULT_EPOCHS, required: true, 'data-testid': 'training-epochs' });
  const start = el('button', { type: 'submit', disabled: true, 'data-testid': 'training-start' }, 'Start training');
  const submitted = el('p', { 'aria-live': 'polite' });
  const form = el('form', {
    class: 'panel',
    'aria-label': 'Train a voice',
    onsubmit: submitting(start, fail, async () => {
      const job = await api('/v1/trainings', {
        method: 'POST', json: { datasetId, name: name.value, language: language.value, epochs: Number(epochs.value) },
      });
      submitted.replaceChildren(el('span', { 'data-testid': 'training-submitted', 'data-job-id': job.id }, 'Training ', jobLink(job.id), ' queued'));
      onSubmitted(job);
    }),
  },
  el('h3', {}, '2. Train a voice'),
  el('label', { for: 'training-name' }, 'Voice name'), name,
  el('label', { for: 'training-language' }, 'Language'), language,
  el('label', { for: 'training-epochs' }, 'Epochs'), epochs,
  start, submitted);
  return {
    form,
    useDataset(dataset) {
      datasetId = dataset.id;
      start.disabled = false;
    },
  };
}

export function trainingView(root, context) {
  const training = trainingForm((job) => trainings.add(job), context.fail);
  root.append(el('h2', {}, 'Training'), el('div', { class: 'forms' }, datasetForm(training.useDataset, context.fail), training.form),
    el('h3', {}, 'Trainings'));
  const trainings = liveJobs(root, {
    testid: 'trainings-table',
    query: 'kind=training&limit=20',
    accepts: (job) => job.kind === 'training',
    columns: [
      { title: 'Job', cell: (job) => jobLink(job.id) },
      { title: 'Tenant', cell: (job) => job.tenant },
      { title: 'Status', cell: statusCell },
      { title: 'Progress', cell: progressCell },
      { title: 'Epoch', cell: (job) => (job.progress ? `${job.progress.epoch} / ${job.progress.epochs}` : '') },
    ],
  }, context);
}

// Voices: the operators tenant's voices with their measured quality, and a box to say something
// in one of them (POST /v1/synthesis, then the job's page).

import { api } from '../api.js';
import { DASH, el, formatTime, table } from '../dom.js';

/** A figure before and after training, lower is closer to the speaker. */
function beforeAfter(before, after, unit) {
  return before == null ? DASH : `${before.toFixed(1)} → ${after.toFixed(1)} ${unit}`;
}

function voiceRow(voice) {
  const metrics = voice.metrics ?? {};
  return {
    attributes: { 'data-testid': 'voice-row', 'data-voice-id': voice.id },
    cells: [voice.name, el('span', { class: 'mono' }, voice.id), voice.family, voice.language, formatTime(voice.createdAt),
      beforeAfter(metrics.mcdBeforeDb, metrics.mcdAfterDb, 'dB'), beforeAfter(metrics.f0RmseBeforeHz, metrics.f0RmseAfterHz, 'Hz'),
      metrics.epochs ?? DASH, metrics.heldOutClips ?? DASH],
  };
}

function sayForm(voices, fail) {
  const text = el('textarea', { id: 'say-text', name: 'text', rows: 3, required: true, maxlength: 4096, 'data-testid': 'say-text' });
  const voice = el('select', { id: 'say-voice', name: 'voice', 'data-testid': 'say-voice' },
    el('option', { value: '' }, 'base voice (eSpeak NG, English)'),
    voices.map((v) => el('option', { value: v.id }, `${v.name} (${v.language})`)));
  const submit = el('button', { type: 'submit', 'data-testid': 'say-submit' }, 'Say it');
  return el('form', {
    class: 'panel',
    'aria-label': 'Say something',
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        // A voice speaks its own language, so none is sent; the base voice speaks the default, English.
        const job = await api('/v1/synthesis', { method: 'POST', json: { text: text.value, voice: voice.value || null } });
        location.hash = `#/job/${encodeURIComponent(job.id)}`;
      } catch (error) {
        fail(error);
        submit.disabled = false;
      }
    },
  },
  el('h3', {}, 'Say something'),
  el('label', { for: 'say-text' }, 'Text'), text,
  el('label', { for: 'say-voice' }, 'Voice'), voice,
  submit);
}

export async function voicesView(root, { signal, fail }) {
  root.append(el('h2', {}, 'Voices'));
  try {
    const { voices } = await api('/v1/voices', { signal });
    root.append(
      table('voices-table', ['Name', 'Id', 'Family', 'Language', 'Created', 'MCD (base → trained)', 'F0 RMSE (base → trained)', 'Epochs', 'Held-out clips'],
        voices.map(voiceRow)),
      sayForm(voices, fail));
  } catch (error) {
    fail(error);
  }
}

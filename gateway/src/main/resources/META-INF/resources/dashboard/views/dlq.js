// Dead letters: jobs that spent their attempts (GET /v1/admin/dead-letters), newest first.

import { api } from '../api.js';
import { el, formatTime, jobLink, table } from '../dom.js';

export async function deadLettersView(root, { signal, fail }) {
  root.append(el('h2', {}, 'Dead letters'));
  try {
    const { deadLetters } = await api('/v1/admin/dead-letters?limit=100', { signal });
    root.append(
      table('dlq-table', ['Job', 'Kind', 'Class', 'Attempts', 'Reason', 'Last error', 'At'], deadLetters.map((letter) => ({
        attributes: { 'data-testid': 'dead-letter-row', 'data-job-id': letter.jobId },
        cells: [jobLink(letter.jobId), letter.kind, letter.hardwareClass, letter.attempts, letter.reason, letter.lastError,
          formatTime(letter.at)],
      }))),
      ...(deadLetters.length ? [] : [el('p', { class: 'muted', 'data-testid': 'dlq-empty' }, 'No dead letters.')]));
  } catch (error) {
    fail(error);
  }
}

// Fleet: a card per hardware class and a table of the live workers, from GET /v1/fleet every 2 s.

import { api, every } from '../api.js';
import { DASH, el, formatSeconds, formatTime, table } from '../dom.js';

const REFRESH_MS = 2000;

function figure(label, value, testid) {
  return el('div', { class: 'figure' }, el('dt', {}, label), el('dd', { 'data-testid': testid }, value ?? DASH));
}

function classCard(route) {
  return el('section', { class: `card${route.liveWorkers ? '' : ' idle'}`, 'data-testid': 'class-card', 'data-class': route.hardwareClass,
    'aria-label': `class ${route.hardwareClass}` },
  el('h3', {}, route.hardwareClass),
  el('dl', {},
    figure('live workers', route.liveWorkers, 'class-live-workers'),
    figure('free / total slots', `${route.freeSlots} / ${route.totalSlots}`, 'class-slots'),
    figure('backlog', route.backlog, 'class-backlog'),
    figure('running', route.runningJobs, 'class-running'),
    figure('oldest queued', formatSeconds(route.oldestWaitingSeconds), 'class-oldest-queued'),
    figure('estimated wait', formatSeconds(route.estimatedWaitSeconds), 'class-wait')));
}

function engines(worker) {
  return worker.engines.map(({ family, versions }) => (versions.length ? `${family} (${versions.join(', ')})` : family)).join(', ');
}

function workerRow(worker) {
  return {
    attributes: { 'data-testid': 'worker-row', 'data-worker-id': worker.workerId },
    cells: [
      el('span', { class: 'mono' }, worker.workerId),
      worker.hardwareClass,
      [worker.profile.source, worker.simulated ? el('span', { class: 'badge', 'data-testid': 'simulated-badge' }, 'simulated') : null],
      `${worker.runningJobs} / ${worker.limits.slots}`,
      `${worker.deviceMemoryUsedMb} MB`,
      el('span', { title: worker.voices.join('\n') }, worker.voices.length),
      engines(worker),
    ],
  };
}

export function fleetView(root, { signal, fail, recovered }) {
  const content = el('div', { 'aria-live': 'polite' });
  root.append(el('h2', {}, 'Fleet'), content);
  every(REFRESH_MS, async () => {
    try {
      const fleet = await api('/v1/fleet', { signal });
      recovered();
      content.replaceChildren(
        el('p', { class: 'muted' }, `Routing table of ${formatTime(fleet.routingTableAt)}`),
        el('div', { class: 'cards' }, fleet.classes.map(classCard)),
        el('h3', {}, 'Workers'),
        table('workers-table', ['Worker', 'Class', 'Profile', 'Load (running / slots)', 'Device memory', 'Voices held', 'Engines'],
          (fleet.workers ?? []).map(workerRow)));
    } catch (error) {
      fail(error);
    }
  }, signal);
}

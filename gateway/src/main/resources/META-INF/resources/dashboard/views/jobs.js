// Jobs: the latest 50 jobs of every tenant, kept current from the event stream.

import { el, formatTime, jobLink } from '../dom.js';
import { liveJobs, statusCell } from '../live-jobs.js';

const COLUMNS = [
  { title: 'Job', cell: (job) => jobLink(job.id) },
  { title: 'Tenant', cell: (job) => job.tenant },
  { title: 'Kind', cell: (job) => job.kind },
  { title: 'Class', cell: (job) => job.hardwareClass },
  { title: 'Status', cell: statusCell },
  { title: 'Updated', cell: (job) => formatTime(job.updatedAt) },
  { title: 'Reason', cell: (job) => job.reason },
];

export function jobsView(root, context) {
  root.append(el('h2', {}, 'Jobs'));
  liveJobs(root, { testid: 'jobs-table', query: 'limit=50', columns: COLUMNS }, context);
}

// The citation integrity report: of one profile (/profiles/{id}/citations), grouped by kind, and across profiles
// (/citations?kind=…&page=…), most problems first. Every problem links to its claim or source on the profile page.
import { api } from '../api.js';
import { clear, h, problemText } from '../dom.js';

const KINDS = [
  ['uncited-claim', 'uncitedClaims', 'Uncited claims', 'uncited claim', 'uncited claims'],
  ['dangling-citation', 'danglingCitations', 'Citations of removed sources', 'citation of a removed source', 'citations of removed sources'],
  ['unused-source', 'unusedSources', 'Sources nobody cites', 'unused source', 'unused sources'],
  ['duplicate-source', 'duplicateSources', 'Duplicate sources (same URL)', 'duplicate source', 'duplicate sources'],
  ['non-http-url', 'nonHttpUrls', 'Source URLs that are not http(s)', 'non-http(s) URL', 'non-http(s) URLs'],
];
const PAGE_SIZE = 20;

export async function render(main, { params, query }) {
  const results = h('div', { 'data-role': 'citation-report' }, h('p', {}, 'Loading…'));
  if (params.length) {
    const id = params[0];
    clear(main, h('p', { class: 'breadcrumb' }, h('a', { href: profileUrl(id) }, '← Profile')),
      h('h1', {}, 'Citations'), results);
    try {
      showProfile(main, results, await api.citationReport(id));
    } catch (error) {
      clear(results, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
    }
    return;
  }
  const kind = query.get('kind') || '';
  const page = Math.max(0, Number(query.get('page')) || 0);
  clear(main, h('h1', {}, 'Citation report'), kindFilter(kind), results);
  try {
    showAcross(results, await api.citationReports({ kind, page, size: PAGE_SIZE }), kind, page);
  } catch (error) {
    clear(results, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
}

function showProfile(main, results, report) {
  main.querySelector('h1').textContent = `Citations: ${report.name}`;
  main.querySelector('.breadcrumb a').textContent = `← ${report.name}`;
  const groups = KINDS.map(([kind, , title]) => [kind, title, report.problems.filter(problem => problem.kind === kind)])
    .filter(([, , problems]) => problems.length);
  clear(results,
    h('p', { 'data-role': 'citation-counts' }, `Revision ${report.revision}: `, countsText(report.counts), '.'),
    groups.length ? null : h('p', { 'data-role': 'no-problems' }, 'Every claim cites a source and every source is used.'),
    groups.map(([kind, title, problems]) => h('section', { class: 'citation-group', dataset: { kind } },
      h('h2', {}, `${title} (${problems.length})`),
      h('ul', { class: 'problems' }, problems.map(problem => problemItem(report.profileId, problem))))),
    h('p', { class: 'hint' }, 'A claim with its own link (a reading-list entry) needs no citation; retracted claims are left out.'));
}

function showAcross(results, overview, kind, page) {
  const { totals } = overview;
  const pages = Math.ceil(overview.matching / overview.size);
  clear(results,
    h('p', { 'data-role': 'citation-totals' }, `${plural(totals.profiles, 'profile', 'profiles')}, `,
      `${totals.profilesWithProblems} with problems: `, countsText(totals.problems), '.'),
    kind && overview.matching ? h('p', { class: 'hint', 'data-role': 'citation-matching' }, `${plural(overview.matching, 'profile has', 'profiles have')} `,
      KINDS.find(([value]) => value === kind)[4], ', most first.') : null,
    overview.profiles.length ? null : h('p', { 'data-role': 'no-problems' }, kind ? 'No profile has problems of this kind.' : 'No profile has citation problems.'),
    overview.profiles.map(entry => h('section', { class: 'card citation-profile', dataset: { profileId: entry.profileId } },
      h('h2', {}, h('a', { href: `${profileUrl(entry.profileId)}/citations` }, entry.name)),
      h('p', { class: 'meta' }, `Profile id ${entry.profileId}`), // two profiles may share a name
      h('p', { class: 'meta', 'data-role': 'citation-counts' }, countsText(entry.counts)),
      h('ul', { class: 'problems' }, entry.problems.map(problem => problemItem(entry.profileId, problem))),
      entry.moreProblems ? h('p', { class: 'hint' }, h('a', { href: `${profileUrl(entry.profileId)}/citations` },
        `${entry.moreProblems} more on the profile's report`)) : null)),
    pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 0 ? h('a', { href: pageUrl(kind, page - 1), rel: 'prev' }, '← Previous') : null,
      h('span', {}, `Page ${page + 1} of ${pages}`),
      page + 1 < pages ? h('a', { href: pageUrl(kind, page + 1), rel: 'next' }, 'Next →') : null) : null);
}

function kindFilter(kind) {
  return h('form', { class: 'filters', method: 'get', action: '/citations', 'data-role': 'citation-filter' },
    h('div', {}, h('label', { for: 'c-kind' }, 'Problems'),
      h('select', { id: 'c-kind', name: 'kind' }, h('option', { value: '' }, 'All kinds'),
        KINDS.map(([value, , title]) => h('option', { value, selected: value === kind }, title)))),
    h('button', { type: 'submit' }, 'Show'));
}

/** One problem, as a link to its claim or source on the profile page. */
function problemItem(profileId, problem) {
  const item = h('li', { dataset: { problemKind: problem.kind } });
  if (problem.claim) {
    const claim = problem.claim;
    item.append(h('a', { href: `${profileUrl(profileId)}#claim-${claim.id}`, 'data-role': 'problem-link' },
      h('span', { class: 'section-name' }, `${claim.sectionTitle}: `), claim.label ? `${claim.label}: ` : '', claim.excerpt));
    if (problem.missingSourceId) item.append(h('span', { class: 'problem-note' }, ` cites ${problem.missingSourceId}, which the profile no longer has`));
    return item;
  }
  item.append(sourceLink(profileId, problem.source, 'problem-link'));
  if (problem.source.url) item.append(' ', h('code', { class: 'url' }, problem.source.url));
  if (problem.sameUrlAs) item.append(h('span', { class: 'problem-note' }, ' same URL as '), sourceLink(profileId, problem.sameUrlAs));
  return item;
}

function sourceLink(profileId, source, role) {
  return h('a', { href: `${profileUrl(profileId)}#source-${source.id}`, 'data-role': role }, `[${source.number}] ${source.title}`);
}

function countsText(counts) {
  if (!counts.total) return 'no problems';
  return KINDS.filter(([, field]) => counts[field]).map(([, field, , one, many]) => plural(counts[field], one, many))
    .join(', ');
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function profileUrl(id) {
  return `/profiles/${encodeURIComponent(id)}`;
}

function pageUrl(kind, page) {
  const url = new URL('/citations', location.href);
  if (kind) url.searchParams.set('kind', kind);
  if (page) url.searchParams.set('page', page);
  return url.pathname + url.search;
}

/** The page's script: the question form, the answer, the dark-spots table and the explorer. */
import { showAnswer, type AnswerJson } from './answer.js';
import { api, byId, el } from './dom.js';
import { explorerStatus, findInExplorer, openExplorer } from './explorer.js';
import { checkAsField } from './validate.js';

type Family = 'ipv4' | 'ipv6';

const form = byId('question') as HTMLFormElement;
const fieldA = byId('a') as HTMLInputElement;
const fieldB = byId('b') as HTMLInputElement;
const go = byId('go') as HTMLButtonElement;
const status = byId('status');

function family(): Family {
  return ((form.querySelector('input[name=afi]:checked') as HTMLInputElement | null)?.value ?? 'ipv4') as Family;
}

function validate(): { a?: number; b?: number } {
  const a = checkAsField(fieldA, 'a-error', 'the first AS, A');
  const b = checkAsField(fieldB, 'b-error', 'the second AS, B');
  go.disabled = fieldA.getAttribute('aria-invalid') === 'true' || fieldB.getAttribute('aria-invalid') === 'true';
  return { a, b };
}
fieldA.addEventListener('input', validate);
fieldB.addEventListener('input', validate);

async function ask(a: number, b: number, afi: Family): Promise<void> {
  status.textContent = `Asking whether AS${a} reaches AS${b} in ${afi === 'ipv4' ? 'IPv4' : 'IPv6'}…`;
  const q = `a=${a}&b=${b}&afi=${afi}`;
  try {
    const ex = await api<AnswerJson>(`/api/why-unreachable?${q}`);
    showAnswer(ex, `/api/drawing?${q}`);
    status.textContent = '';
    history.replaceState(null, '', `?${q}`);
  } catch (e) {
    byId('answer').hidden = true;
    status.textContent = (e as Error).message;
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const { a, b } = validate();
  if (a === undefined || b === undefined) {
    if (a === undefined && !fieldA.value.trim()) byId('a-error').textContent = 'Give AS A (e.g. 6939).';
    if (b === undefined && !fieldB.value.trim()) byId('b-error').textContent = 'Give AS B (e.g. 174).';
    return;
  }
  void ask(a, b, family());
});

function openPair(a: number, b: number, afi: Family): void {
  fieldA.value = String(a);
  fieldB.value = String(b);
  (form.querySelector(`input[name=afi][value=${afi}]`) as HTMLInputElement).checked = true;
  validate();
  void ask(a, b, afi);
  byId('ask').scrollIntoView();
}

interface Spot { a: number; b: number; family: Family; otherFamily: Family; coneA: number; coneB: number; otherPath: number[]; dependsOnAmbiguous?: boolean }

async function loadDarkSpots(): Promise<void> {
  const st = byId('dark-status');
  byId('dark-load').hidden = true;
  st.textContent = 'Reading the whole data…';
  try {
    const r = await api<{ total: number; spots: Spot[] }>('/api/dark-spots?top=15');
    st.textContent = r.total === 0 ? 'No dark spots in the data.' : `${r.total.toLocaleString('en-US')} dark spot(s); the ${r.spots.length} largest:`;
    byId('dark-spots').querySelector('tbody')!.replaceChildren(...r.spots.map((s) => {
      const row = el('tr', { tabindex: '0', title: `Open AS${s.a} → AS${s.b} in ${s.family}` },
        el('td', {}, `AS${s.a}`), el('td', {}, `AS${s.b}`), el('td', {}, s.family === 'ipv4' ? 'IPv4' : 'IPv6'),
        el('td', {}, `${s.coneA} × ${s.coneB}`),
        el('td', {}, s.otherPath.map((x) => `AS${x}`).join(' → ') + (s.dependsOnAmbiguous ? ' (rests on a link of ambiguous relation: read otherwise, it may be no dark spot)' : '')));
      row.addEventListener('click', () => openPair(s.a, s.b, s.family));
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') openPair(s.a, s.b, s.family); });
      return row;
    }));
  } catch (e) {
    st.textContent = (e as Error).message;
  }
}

// The explorer.
const xForm = byId('explorer-form') as HTMLFormElement;
const xAsn = byId('x-asn') as HTMLInputElement;
const xFind = byId('x-find') as HTMLInputElement;
xAsn.addEventListener('input', () => checkAsField(xAsn, 'x-error', 'the AS to explore'));
xForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const asn = checkAsField(xAsn, 'x-error', 'the AS to explore');
  if (asn === undefined) return;
  const mode = (byId('x-mode') as HTMLSelectElement).value;
  const afi = (byId('x-afi') as HTMLSelectElement).value as Family;
  openExplorer(asn, mode, afi).catch((e: Error) => explorerStatus(e.message));
});
xFind.addEventListener('change', () => {
  const asn = checkAsField(xFind, 'x-error', 'the AS to find');
  if (asn === undefined) return;
  if (!findInExplorer(asn)) {
    xAsn.value = String(asn);
    openExplorer(asn, 'neighbours', (byId('x-afi') as HTMLSelectElement).value as Family).catch((e: Error) => explorerStatus(e.message));
  }
});

// A shared address opens its question.
const params = new URLSearchParams(location.search);
const pa = Number(params.get('a')), pb = Number(params.get('b'));
if (params.get('a') && params.get('b') && Number.isInteger(pa) && Number.isInteger(pb)) openPair(pa, pb, params.get('afi') === 'ipv6' ? 'ipv6' : 'ipv4');
// Dark spots read the whole data (seconds on a whole registry, once): at once when the server has it
// in memory already, else when asked, so that a first question does not wait behind it.
byId('dark-load').addEventListener('click', () => { void loadDarkSpots(); });
api<{ wholeGraphsBuilt: boolean }>('/api/health').then((h) => { if (h.wholeGraphsBuilt) void loadDarkSpots(); }).catch(() => undefined);

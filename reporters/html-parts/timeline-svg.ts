/**
 * The lockout timeline picture: one row of marks along a virtual-time axis, coloured by what
 * the target answered, labelled with the action above and result, retries left and lock
 * minutes left below. Long gaps (a moved clock) are drawn as an axis break so five attempts
 * one second apart stay readable next to a 300-second wait.
 */
import type { Timeline, TimelineStep } from '../../src/report/report-model.ts';
import { escapeHtml } from './escape.ts';
import { requiredFact, shippedFacts } from '../../src/contract/shipped-facts.ts';

/** How a step's answer is coloured. */
export type MarkKind = 'ok' | 'wrong' | 'locked' | 'error' | 'clock';

/** Colours per kind (the page's CSS overrides them per theme through the `mk-*` classes). */
export const MARK_COLOUR: Readonly<Record<MarkKind, string>> = {
  ok: '#1f7a3a',
  wrong: '#b45309',
  locked: '#c62828',
  error: '#7b3fa0',
  clock: '#6b7280',
};

/** The DCS lockout's result names, from the spec (`lockout.results`); the report model carries them as the target sent them. */
function lockoutResults(): { success: string; wrongPassword: string; locked: string; failed: string } {
  return requiredFact(shippedFacts('dcs').lockout, 'dcs', '/lockout').results;
}

/** Legend text per kind: the spec's result names. */
export function markLabels(): Readonly<Record<MarkKind, string>> {
  const r = lockoutResults();
  return { ok: r.success, wrong: r.wrongPassword, locked: r.locked, error: `error / ${r.failed}`, clock: 'clock moved' };
}

/** Classifies a step by its action and result. */
export function markKind(step: TimelineStep): MarkKind {
  if (step.action === 'advance') return 'clock';
  const r = step.result.toLowerCase();
  const names = lockoutResults();
  if (r.includes(names.success.toLowerCase())) return 'ok';
  if (r.includes(names.locked.toLowerCase())) return 'locked';
  if (r.includes(names.wrongPassword.toLowerCase())) return 'wrong';
  return 'error';
}

const MIN_GAP = 100;
const MAX_GAP = 170;
const PX_PER_S = 12;
const X0 = 64;
const AXIS_Y = 44;

/** X positions of the steps and which gaps are axis breaks. */
export function layout(steps: readonly TimelineStep[]): { xs: number[]; breaks: boolean[] } {
  const xs: number[] = [];
  const breaks: boolean[] = [];
  steps.forEach((s, i) => {
    const prev = steps[i - 1];
    const prevX = xs[i - 1];
    if (prev === undefined || prevX === undefined) {
      xs.push(X0);
      breaks.push(false);
      return;
    }
    const want = MIN_GAP + Math.max(0, s.t - prev.t) * PX_PER_S;
    breaks.push(want > MAX_GAP);
    xs.push(prevX + Math.min(want, MAX_GAP));
  });
  return { xs, breaks };
}

function describe(step: TimelineStep): string {
  const left = [step.retriesLeft !== undefined ? `${step.retriesLeft} retries left` : '', step.lockTimeLeft !== undefined ? `lock ${step.lockTimeLeft} min left` : '']
    .filter(Boolean).join(', ');
  return `${step.t} s: ${step.action} → ${step.result}${left ? ` (${left})` : ''}`;
}

function text(x: number, y: number, cls: string, content: string, fill?: string): string {
  return `<text x="${x}" y="${y}" class="${cls}" text-anchor="middle"${fill ? ` fill="${fill}"` : ''}>${escapeHtml(content)}</text>`;
}

function mark(step: TimelineStep, x: number): string {
  const kind = markKind(step);
  const colour = MARK_COLOUR[kind];
  const shape = kind === 'clock'
    ? `<path d="M${x} ${AXIS_Y - 9}L${x + 9} ${AXIS_Y}L${x} ${AXIS_Y + 9}L${x - 9} ${AXIS_Y}Z" class="mk mk-${kind}" fill="${colour}"/>`
    : `<circle cx="${x}" cy="${AXIS_Y}" r="8" class="mk mk-${kind}" fill="${colour}"/>`;
  const lines = [
    text(x, 20, 'tl-action', step.action === 'advance' ? 'advance' : step.action),
    shape,
    text(x, AXIS_Y + 24, 'tl-time', `${step.t} s`),
    text(x, AXIS_Y + 42, `tl-result tx-${kind}`, step.result, colour),
  ];
  if (step.retriesLeft !== undefined) lines.push(text(x, AXIS_Y + 58, 'tl-left', `${step.retriesLeft} ${step.retriesLeft === '1' ? 'retry' : 'retries'} left`));
  if (step.lockTimeLeft !== undefined && step.lockTimeLeft !== '0') lines.push(text(x, AXIS_Y + 74, 'tl-left tl-lock', `lock ${step.lockTimeLeft} min left`));
  return `<g class="tl-step"><title>${escapeHtml(describe(step))}</title>${lines.join('')}</g>`;
}

function axisBreak(x1: number, x2: number, seconds: number): string {
  const mid = (x1 + x2) / 2;
  const y = AXIS_Y;
  return `<g class="tl-break"><rect x="${mid - 7}" y="${y - 6}" width="14" height="12" class="tl-bg" fill="#ffffff"/>`
    + `<path d="M${mid - 8} ${y + 6}L${mid - 2} ${y - 6}M${mid + 2} ${y + 6}L${mid + 8} ${y - 6}" class="tl-axis" stroke="#6b7280" fill="none"/>`
    + `${text(mid, y - 12, 'tl-gap', `+${seconds} s`)}</g>`;
}

/** Renders one timeline as an inline `<svg>` (a sentence-long `aria-label` describes it for screen readers). */
export function renderTimelineSvg(timeline: Timeline): string {
  const { steps } = timeline;
  const { xs, breaks } = layout(steps);
  const width = (xs[xs.length - 1] ?? X0) + X0;
  const height = AXIS_Y + 84;
  const label = `Timeline of ${timeline.rule}: ${steps.map(describe).join('; ')}`;
  const parts = [`<line x1="${X0 - 40}" y1="${AXIS_Y}" x2="${width - 24}" y2="${AXIS_Y}" class="tl-axis" stroke="#6b7280"/>`];
  steps.forEach((s, i) => {
    const prev = steps[i - 1];
    const x = xs[i];
    const prevX = xs[i - 1];
    if (breaks[i] && prev && x !== undefined && prevX !== undefined) parts.push(axisBreak(prevX, x, s.t - prev.t));
  });
  steps.forEach((s, i) => parts.push(mark(s, xs[i] ?? X0)));
  if (steps.length === 0) parts.push(text(X0 + 40, AXIS_Y - 12, 'tl-gap', 'no steps recorded'));
  return `<svg class="timeline-svg" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/**
 * The HTML report's inline script: reads the embedded report JSON and drives the verdict,
 * service and text filters, the row expanders, the matrix shortcuts and the Copy buttons.
 * Plain ES2020, no dependencies; the page is fully readable without it.
 */

/** Source of the page script (kept free of backticks and closing script tags). */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var dataEl = document.getElementById('report-data');
  var report = JSON.parse((dataEl && dataEl.textContent) || '{"rules":[]}');
  var rules = Array.isArray(report.rules) ? report.rules : [];
  var state = { verdicts: new Set(), service: '', query: '' };
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.rule'));
  var verdictButtons = Array.prototype.slice.call(document.querySelectorAll('button[data-verdict]'));
  var serviceSelect = document.getElementById('service-filter');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown-count');
  var noMatch = document.getElementById('no-match');

  function ruleOf(row) { return rules[Number(row.getAttribute('data-index'))]; }
  function detailOf(row) { return document.getElementById(row.getAttribute('data-detail')); }
  function expanderOf(row) { return row.querySelector('button.expander'); }

  function matches(rule) {
    if (!rule) return false;
    if (state.verdicts.size > 0 && !state.verdicts.has(rule.verdict)) return false;
    if (state.service && rule.service !== state.service) return false;
    if (state.query) {
      var hay = (String(rule.id) + '\n' + String(rule.title)).toLowerCase();
      if (hay.indexOf(state.query) < 0) return false;
    }
    return true;
  }

  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var ok = matches(ruleOf(row));
      row.hidden = !ok;
      var detail = detailOf(row);
      var open = expanderOf(row).getAttribute('aria-expanded') === 'true';
      if (detail) detail.hidden = !ok || !open;
      if (ok) count++;
    });
    verdictButtons.forEach(function (b) {
      var v = b.getAttribute('data-verdict');
      var pressed = v === '' ? state.verdicts.size === 0 : state.verdicts.has(v);
      b.setAttribute('aria-pressed', String(pressed));
    });
    shown.textContent = 'Showing ' + count + ' of ' + rows.length + ' rules';
    noMatch.hidden = count !== 0;
  }

  function setExpanded(row, open) {
    expanderOf(row).setAttribute('aria-expanded', String(open));
    var detail = detailOf(row);
    if (detail) detail.hidden = row.hidden || !open;
  }

  verdictButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      var v = b.getAttribute('data-verdict');
      if (v === '') state.verdicts.clear();
      else if (state.verdicts.has(v)) state.verdicts.delete(v);
      else state.verdicts.add(v);
      apply();
    });
  });
  serviceSelect.addEventListener('change', function () { state.service = serviceSelect.value; apply(); });
  search.addEventListener('input', function () { state.query = search.value.trim().toLowerCase(); apply(); });

  Array.prototype.forEach.call(document.querySelectorAll('button[data-matrix-verdict]'), function (b) {
    b.addEventListener('click', function () {
      state.verdicts = new Set([b.getAttribute('data-matrix-verdict')]);
      state.service = b.getAttribute('data-matrix-service') || '';
      serviceSelect.value = state.service;
      apply();
      document.getElementById('rules').scrollIntoView({ block: 'start' });
    });
  });

  rows.forEach(function (row) {
    expanderOf(row).addEventListener('click', function () {
      setExpanded(row, expanderOf(row).getAttribute('aria-expanded') !== 'true');
    });
  });
  document.getElementById('expand-all').addEventListener('click', function () { rows.forEach(function (r) { setExpanded(r, true); }); });
  document.getElementById('collapse-all').addEventListener('click', function () { rows.forEach(function (r) { setExpanded(r, false); }); });

  function flash(button, text) {
    var old = button.getAttribute('data-label') || button.textContent;
    button.setAttribute('data-label', old);
    button.textContent = text;
    setTimeout(function () { button.textContent = old; }, 1800);
  }
  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    if (sel) { sel.removeAllRanges(); sel.addRange(range); }
  }
  function fallbackCopy(button, el) {
    selectText(el);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    flash(button, ok ? 'Copied' : 'Selected: press Ctrl+C');
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.copy'), function (button) {
    button.addEventListener('click', function () {
      var el = document.getElementById(button.getAttribute('data-copy'));
      if (!el) return;
      var text = el.textContent || '';
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { flash(button, 'Copied'); }, function () { fallbackCopy(button, el); });
      } else {
        fallbackCopy(button, el);
      }
    });
  });

  document.documentElement.classList.add('js');
  apply();
})();
`;

// app.js: the little JavaScript gemis uses; every page works without it.
//  - on the indicator page, an interactive uPlot chart (values by sex and
//    the target) is drawn from the JSON the page carries, when uPlot is there;
//  - forms with data-confirm ask before doing something that cannot be undone;
//  - a table wider than the screen can be scrolled from the keyboard;
//  - a form that comes back with problems puts their summary in focus;
//  - on a form, the rate a ratio's boxes give follows the typing (computed
//    here as the server computes it: numerator / denominator x factor).
(function () {
  'use strict';

  function chart() {
    var data = document.getElementById('chart-data');
    var host = document.getElementById('chart-host');
    if (!data || !host || typeof uPlot === 'undefined') return;
    var d = JSON.parse(data.textContent);
    var series = [{ label: d.labels.year }];
    var cols = [d.years];
    var colors = ['#7b2d6b', '#117a8b', '#a86400'];
    d.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: colors[i % colors.length], width: 2, spanGaps: true,
        points: { show: true } });
      cols.push(s.values);
    });
    if (d.target !== null) {
      series.push({ label: d.labels.target, stroke: '#1d1d1f', dash: [6, 4], width: 1, points: { show: false } });
      cols.push(d.years.map(function () { return d.target; }));
    }
    host.hidden = false;
    var width = Math.max(240, Math.min(host.clientWidth || 320, 640));
    /* global uPlot */
    // the legend names the series; values would read "--" until hovered
    new uPlot({ width: width, height: 260, series: series, legend: { live: false },
      axes: [{ incrs: [1, 2, 5, 10], values: function (u, v) { return v.map(function (x) { return String(x); }); } }, {}],
      scales: { x: { time: false } } }, cols, host);
    // the interactive chart replaces the drawn one
    var svg = document.querySelector('svg.trend');
    if (svg) svg.style.display = 'none';
  }

  function confirmForms() {
    document.querySelectorAll('form[data-confirm]').forEach(function (f) {
      f.addEventListener('submit', function (e) {
        if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault();
      });
    });
  }

  // a scrolling table gets keyboard focus and a name, only when it scrolls
  function scrollRegions() {
    document.querySelectorAll('.scroll').forEach(function (div) {
      if (div.scrollWidth <= div.clientWidth + 1) return;
      var t = div.querySelector('table');
      var head = div.previousElementSibling;
      div.tabIndex = 0;
      div.setAttribute('role', 'region');
      div.setAttribute('aria-label', (t && t.caption && t.caption.textContent) ||
        (head && /^(H[1-4]|LEGEND)$/.test(head.tagName) ? head.textContent : document.title));
    });
  }

  // A box's number as the server reads it (util/number.c): a sign, digits,
  // at most one decimal mark ('.' or ','), spaces around, at most 15
  // significant digits; NaN for anything else.
  function boxNumber(id) {
    var box = document.getElementById(id);
    var s = box ? box.value.replace(/^[ \t]+|[ \t]+$/g, '') : '';
    var m = /^([+-]?)(\d+)(?:[.,](\d+))?$/.exec(s);
    if (!m || s.length > 40) return NaN;
    var int = m[2].replace(/^0+(?=\d)/, ''), frac = (m[3] || '').replace(/0+$/, '');
    if (int.length + frac.length - (int === '0' ? 1 : 0) > 15) return NaN;
    return parseFloat(m[1] + m[2] + (m[3] ? '.' + m[3] : ''));
  }

  // v with at most two decimals, as format_number() writes it: Vietnamese
  // groups thousands with '.' and marks decimals with ','.
  function formatNumber(v) {
    var vi = document.documentElement.lang !== 'en';
    var t = Math.abs(v).toFixed(2).replace(/\.?0+$/, '');
    var parts = t.split('.');
    var int = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, vi ? '.' : ',');
    return (v < 0 ? '-' : '') + int + (parts[1] ? (vi ? ',' : '.') + parts[1] : '');
  }

  function rate(out) {
    var row = out.closest('tr');
    var nums = out.getAttribute('data-num').split(' ');
    var dens = out.getAttribute('data-den').split(' ');
    var n = 0, d = 0, ok = nums.length > 0 && nums[0] !== '';
    nums.forEach(function (id, i) {
      var a = boxNumber(id), b = boxNumber(dens[i]);
      if (isNaN(a) || isNaN(b)) ok = false;
      n += a;
      d += b;
    });
    out.textContent = ok && d !== 0
      ? formatNumber(n / d * Number(row.getAttribute('data-factor'))) + row.getAttribute('data-suffix') : '–';
  }

  function liveRates() {
    var outs = document.querySelectorAll('tr.rate output[data-num]');
    if (!outs.length) return;
    document.addEventListener('input', function (e) {
      if (!e.target.id || !/^v_\d+$/.test(e.target.id)) return;
      outs.forEach(function (out) {
        if ((' ' + out.getAttribute('data-num') + ' ' + out.getAttribute('data-den') + ' ').indexOf(' ' + e.target.id + ' ') >= 0)
          rate(out);
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    chart();
    confirmForms();
    scrollRegions();
    liveRates();
    // a form that came back with problems: their summary first
    var problems = document.getElementById('problems');
    if (problems) problems.focus();
  });
})();

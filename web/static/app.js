// app.js: the little JavaScript gemis uses; every page works without it.
//  - on the indicator page, an interactive uPlot chart (values by sex and
//    the target) is drawn from the JSON the page carries, when uPlot is there;
//  - forms with data-confirm ask before doing something that cannot be undone;
//  - a table wider than the screen can be scrolled from the keyboard;
//  - a form that comes back with problems puts their summary in focus.
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

  document.addEventListener('DOMContentLoaded', function () {
    chart();
    confirmForms();
    scrollRegions();
    // a form that came back with problems: their summary first
    var problems = document.getElementById('problems');
    if (problems) problems.focus();
  });
})();

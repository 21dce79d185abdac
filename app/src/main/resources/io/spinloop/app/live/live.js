// The spinloop live view and run catalog. Plain JS, no build step; plots by the vendored uPlot.
'use strict';
(function () {
  const token = document.querySelector('meta[name="spinloop-token"]').content;
  const mode = document.querySelector('meta[name="spinloop-mode"]').content;
  const q = (s) => document.querySelector(s);
  const WIDTH = 440, HEIGHT = 280;
  const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00'];

  // What a test or a benchmark reads: points drawn, and for each point the ms from measured to drawn.
  const stats = window.spinloop = { pointsDrawn: 0, latenciesMs: [], ended: false, exit: null, events: 0, epochs: 0 };
  stats.figures = 0;  // stages' test figures drawn (deploy, demo)
  stats.fans = 0;     // twins' fans drawn (calibrate)
  stats.forecasts = 0;  // stages' forecasts drawn (deploy)

  function card(parent, id, title) {
    let c = document.getElementById(id);
    if (c) return c.querySelector('.plot');
    c = document.createElement('div');
    c.className = 'card';
    c.id = id;
    c.innerHTML = '<h2></h2><div class="plot"></div>';
    c.querySelector('h2').textContent = title;
    parent.appendChild(c);
    return c.querySelector('.plot');
  }

  function plot(parent, id, title, xLabel, series, yLabel, data) {
    const target = card(parent, id, title);
    target.textContent = '';
    const opts = {
      width: WIDTH, height: HEIGHT, scales: { x: { time: false } },
      series: [{ label: xLabel }].concat(series.map((s, i) => Object.assign(
        { stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }, s))),
      axes: [{ label: xLabel }, { label: yLabel }].concat(series.filter((s) => s.scale).map((s) => (
        { scale: s.scale, side: 1, label: s.label, grid: { show: false } }))),
    };
    return new uPlot(opts, data, target);
  }

  const fmt = (v, d) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toFixed(d);
  const mA = (a) => a.map((v) => v === null ? null : v * 1e3);
  const GHz = (a) => a.map((v) => v === null ? null : v * 1e-9);
  const nW = (a) => a.map((v) => v === null ? null : v * 1e9);
  function duration(s) {
    if (s === null || s === undefined) return '–';
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(r).padStart(2, '0');
  }

  // ---------------------------------------------------------------- live view
  function live() {
    q('#live').hidden = false;
    const stop = q('#stop');
    stop.hidden = false;
    const plots = q('#live-plots');
    let state;
    const pending = [];  // times of points received but not drawn yet
    let frame = 0;

    function reset() {
      state = { points: [], spectrum: null, zerospan: null, epochs: {}, charts: {}, dirty: new Set() };
      state.figures = [];
      state.fans = {};
      state.forecasts = {};
      stats.figures = 0;
      stats.fans = 0;
      stats.forecasts = 0;
      plots.textContent = '';
      q('#log').textContent = '';
      q('#instruments tbody').textContent = '';
      // a run with no points (training) or no instruments (off the bench) shows no empty panel
      q('#progress-card').hidden = true;
      q('#instruments-card').hidden = true;
      pending.length = 0;
      stats.pointsDrawn = 0;
      stats.epochs = 0;
      q('#points-drawn').textContent = '0';
    }

    function draw() {
      frame = 0;
      const d = state.dirty;
      if (d.has('spectrum') && state.spectrum) {
        const s = state.spectrum;
        const data = [GHz(s.frequency_Hz), s.power_dBm, s.fit_dBm];
        const title = 'spectrum at ' + fmt(s.current_A * 1e3, 3) + ' mA';
        if (!state.charts.s) {
          state.charts.s = plot(plots, 'plot-spectrum', title, 'f (GHz)', [{ label: 'trace (dBm)' }, { label: 'fitted line (dBm)', width: 2 }], 'dBm', data);
        } else {
          state.charts.s.setData(data);
          document.querySelector('#plot-spectrum h2').textContent = title;
        }
      }
      if (d.has('points')) {
        const pts = state.points.slice().sort((a, b) => a.current_A - b.current_A);
        const I = mA(pts.map((p) => p.current_A));
        const pdata = [I, nW(pts.map((p) => p.power_W))];
        const fdata = [I, GHz(pts.map((p) => p.peak_Hz))];
        if (!state.charts.p) {
          state.charts.p = plot(plots, 'plot-p', 'p(I) so far', 'I (mA)', [{ label: 'P (nW)', points: { show: true } }], 'P (nW)', pdata);
          state.charts.f = plot(plots, 'plot-f', 'f(I) so far', 'I (mA)', [{ label: 'f (GHz)', points: { show: true } }], 'f (GHz)', fdata);
        } else {
          state.charts.p.setData(pdata);
          state.charts.f.setData(fdata);
        }
        stats.pointsDrawn = pts.length;
        q('#points-drawn').textContent = String(pts.length);
      }
      if (d.has('zerospan') && state.zerospan) {
        const z = state.zerospan;
        const data = [z.time_s.map((t) => t * 1e3), nW(z.power_W), mA(z.drive_A)];
        const title = 'zero span: sequence ' + z.sequence + ', repeat ' + z.repeat;
        if (!state.charts.z) {
          state.charts.z = plot(plots, 'plot-zerospan', title, 't (ms)', [{ label: 'P (nW)' }, { label: 'drive (mA)', scale: 'drive' }], 'P (nW)', data);
        } else {
          state.charts.z.setData(data);
          document.querySelector('#plot-zerospan h2').textContent = title;
        }
      }
      if (d.has('epochs')) {
        for (const curve of Object.keys(state.epochs)) {
          const e = state.epochs[curve];
          // a curve with no test figure (chip steps) draws its loss alone
          const hasFigure = e.some((x) => x.value !== null && x.value !== undefined);
          const data = [e.map((x) => x.epoch), e.map((x) => x.loss)].concat(hasFigure ? [e.map((x) => x.value)] : []);
          const figure = e[0].figure || 'accuracy';
          const key = 'epoch-' + curve;
          if (state.charts[key] && state.charts[key].hasFigure !== hasFigure) {
            state.charts[key].destroy();  // its first test figure came: redrawn with it
            delete state.charts[key];
          }
          if (!state.charts[key]) {
            const unit = curve.includes('step') ? 'step' : 'epoch';
            const series = [{ label: 'loss', points: { show: true } }].concat(hasFigure
              ? [{ label: figure, scale: 'figure', points: { show: true } }] : []);
            state.charts[key] = plot(plots, 'plot-' + key, curve + ': loss' + (hasFigure ? ' and ' + figure : '')
              + ' per ' + unit, unit, series, 'loss', data);
            state.charts[key].hasFigure = hasFigure;
          } else {
            state.charts[key].setData(data);
          }
        }
      }
      if (d.has('figures')) drawFigures(state, plots);
      if (d.has('fans')) drawFans(state, plots);
      if (d.has('forecasts')) drawForecasts(state, plots);
      d.clear();
      // The frame that shows these points is being drawn now: that is when they reach the screen.
      // Points measured before this page connected are the run so far, not a delay of the view: not counted.
      const now = Date.now();
      for (const t of pending) if (t >= stats.connectedAt) stats.latenciesMs.push(now - t);
      pending.length = 0;
    }

    function dirty(what) {
      state.dirty.add(what);
      if (!frame) frame = requestAnimationFrame(draw);
    }

    function instrument(s) {
      q('#instruments-card').hidden = false;
      const body = q('#instruments tbody');
      let row = body.querySelector('tr[data-name="' + CSS.escape(s.name) + '"]');
      if (!row) {
        row = document.createElement('tr');
        row.dataset.name = s.name;
        for (let i = 0; i < 6; i++) row.appendChild(document.createElement('td'));
        body.appendChild(row);
      }
      const c = row.children;
      c[0].textContent = s.name;
      c[1].textContent = fmt(s.current_A === null ? null : s.current_A * 1e3, 4) + ' mA';
      c[2].textContent = s.output_on ? 'ON' : 'off';
      c[2].className = s.output_on ? 'on' : 'off';
      c[3].textContent = fmt(s.compliance_V, 2) + ' V';
      c[4].textContent = fmt(s.messages_per_s, 0) + ' msg/s (' + s.messages + ')';
      c[5].textContent = s.last_error || '–';
    }

    function progress(p) {
      q('#progress-card').hidden = false;
      q('#bar-fill').style.width = (p.total > 0 ? 100 * p.done / p.total : 0) + '%';
      q('#points-line').hidden = p.unit !== 'pts';
      q('#progress-text').textContent = p.done + '/' + p.total + '  ' + fmt(p.rate, 1) + ' ' + (p.unit || 'pts') + '/s  elapsed '
        + duration(p.elapsed_s) + '  left ' + (p.left_s === null ? '–' : duration(p.left_s));
    }

    function log(text) {
      const l = q('#log');
      l.textContent += text + '\n';
      l.scrollTop = l.scrollHeight;
    }

    function handle(e) {
      stats.events++;
      switch (e.type) {
        case 'reset': reset(); stats.connectedAt = Date.now(); break;
        case 'run': q('#title').textContent = 'spinloop: ' + e.title; document.title = 'spinloop: ' + e.title;
          q('#status').textContent = 'running'; break;
        case 'progress': progress(e); break;
        case 'spectrum': state.spectrum = e; dirty('spectrum'); break;
        case 'point': state.points.push(e); pending.push(e.t); dirty('points'); break;
        case 'zerospan': state.zerospan = e; dirty('zerospan'); break;
        case 'epoch': (state.epochs[e.curve] = state.epochs[e.curve] || []).push(e); stats.epochs++; dirty('epochs');
          break;
        case 'source': instrument(e); break;
        case 'figure': state.figures.push(e); dirty('figures'); break;
        case 'fan': state.fans[e.device] = e; dirty('fans'); break;
        case 'forecast': state.forecasts[e.stage] = e; dirty('forecasts'); break;
        case 'message': log(e.text); break;
        case 'end':
          stats.ended = true; stats.exit = e.exit;
          q('#status').textContent = 'ended (exit ' + e.exit + ')';
          stop.disabled = true;
          source.close();
          break;
      }
    }

    reset();
    const source = new EventSource('events?token=' + encodeURIComponent(token));
    source.onmessage = (m) => handle(JSON.parse(m.data));
    source.onerror = () => { if (!stats.ended) q('#status').textContent = 'reconnecting…'; };
    stop.addEventListener('click', () => {
      stop.disabled = true;
      q('#status').textContent = 'stopping: ramping to 0 A, finalising the file…';
      fetch('stop', { method: 'POST', headers: { 'X-Spinloop-Token': token } });
    });
  }

  // ---------------------------------------------------------------- stages and fans (deploy, demo, calibrate)
  // A stage's test figure (twin, chip deployed, chip after chip-in-the-loop, baselines): one panel per figure, the
  // stages side by side in the order they came.
  function drawFigures(state, plots) {
    const byFigure = {};
    for (const f of state.figures) (byFigure[f.figure] = byFigure[f.figure] || []).push(f);
    for (const figure of Object.keys(byFigure)) {
      const fs = byFigure[figure];
      const names = fs.map((f) => f.stage);
      const data = [fs.map((f, i) => i), fs.map((f) => f.value)];
      const key = 'figure-' + figure;
      if (state.charts[key]) state.charts[key].destroy();
      const target = card(plots, 'plot-' + key.replace(/\W+/g, '-'), figure + ' per stage');
      target.textContent = '';
      state.charts[key] = new uPlot({
        width: WIDTH, height: HEIGHT,
        scales: { x: { time: false, range: [-0.5, Math.max(0.5, fs.length - 0.5)] } },
        series: [{ label: 'stage', value: (u, i) => (i === null ? '–' : names[Math.round(i)] || '') },
          { label: figure, stroke: COLORS[0], width: 0, points: { show: true, size: 9, fill: COLORS[0] } }],
        axes: [{ label: 'stage', splits: () => names.map((n, i) => i), values: (u, splits) => splits.map((i) => names[i] || ''),
          rotate: 0 }, { label: figure }],
      }, data, target);
    }
    stats.figures = state.figures.length;
  }

  // A twin's fan against the readings (calibrate): the measured repeats in blue, the twin's 10 % to 90 % band and
  // median in orange, per device.
  function drawFans(state, plots) {
    for (const device of Object.keys(state.fans)) {
      const f = state.fans[device];
      const t = f.time_s.map((x) => x * 1e3);
      const measured = f.measured_W.map((r) => nW(r));
      const q = f.twin_W.map((r) => nW(r));
      const pct = f.quantiles.map((p) => Math.round(p * 100) + ' %');
      const series = [{ label: 't (ms)' }]
        .concat(measured.map((r, i) => ({ label: i === 0 ? 'measured' : 'measured ' + (i + 1), stroke: '#28a4', width: 1,
          show: true })))
        .concat(q.map((r, k) => ({ label: 'twin ' + pct[k], stroke: '#eb7814', width: k === 1 ? 2 : 1,
          dash: k === 1 ? undefined : [4, 3] })));
      const data = [t].concat(measured, q);
      const lo = 1 + measured.length, hi = lo + q.length - 1;
      const key = 'fan-' + device;
      if (state.charts[key]) state.charts[key].destroy();
      const target = card(plots, 'plot-' + key.replace(/\W+/g, '-'), device + ': twin fan (orange) vs readings (blue)');
      target.textContent = '';
      state.charts[key] = new uPlot({
        width: WIDTH, height: HEIGHT, scales: { x: { time: false } }, legend: { show: false },
        series: series, bands: [{ series: [hi, lo], fill: '#eb781433' }],
        axes: [{ label: 't (ms)' }, { label: 'P (nW)' }],
      }, data, target);
    }
    stats.fans = Object.keys(state.fans).length;
  }

  // Each stage's forecast of the test set (deploy's twin and chip) over the target, on one panel.
  function drawForecasts(state, plots) {
    const stages = Object.keys(state.forecasts);
    if (!stages.length) return;
    const target = state.forecasts[stages[0]].target;
    const data = [target.map((v, i) => i), target].concat(stages.map((s) => state.forecasts[s].predicted));
    const series = [{ label: 'sample' }, { label: 'target', stroke: '#1d2330', width: 1.5 }]
      .concat(stages.map((s, i) => ({ label: s, stroke: COLORS[(i + 1) % COLORS.length], width: 1.5 })));
    if (state.charts.forecast) state.charts.forecast.destroy();
    const box = card(plots, 'plot-forecast', 'forecast of the test set per stage');
    box.textContent = '';
    state.charts.forecast = new uPlot({
      width: WIDTH, height: HEIGHT, scales: { x: { time: false } }, series: series,
      axes: [{ label: 'test sample' }, { label: 'x(t + horizon)' }],
    }, data, box);
    stats.forecasts = stages.length;
  }

  // ---------------------------------------------------------------- run catalog
  function browse() {
    q('#browse').hidden = false;
    q('#title').textContent = 'spinloop: runs';
    q('#status').textContent = '';
    const get = (path) => fetch(path, { headers: { 'X-Spinloop-Token': token } }).then((r) => {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.json();
    });
    const overlay = new Set();
    let shown = null;

    function pData(run) {
      const s = run.sweeps[0];
      return s ? [mA(s.current_A), nW(s.power_W)] : null;
    }

    function drawRun(run, others) {
      const plots = q('#run-plots');
      plots.textContent = '';
      q('#run-title').textContent = run.name;
      const s = run.sweeps[0];
      if (s) {
        const mine = pData(run);
        const all = [mine].concat(others.map(pData).filter((d) => d));
        const joined = all.length > 1 ? uPlot.join(all) : mine;
        plot(plots, 'run-p', 'p(I)' + (others.length ? ' with overlays' : ''), 'I (mA)',
          [run.name].concat(others.map((o) => o.name)).slice(0, all.length)
            .map((n) => ({ label: n, points: { show: true } })), 'P (nW)', joined);
        plot(plots, 'run-f', 'f(I)', 'I (mA)', [{ label: 'f (GHz)', points: { show: true } }], 'f (GHz)',
          [mA(s.current_A), GHz(s.peak_Hz)]);
        plot(plots, 'run-lw', 'linewidth', 'I (mA)', [{ label: 'linewidth (MHz)', points: { show: true } }], 'MHz',
          [mA(s.current_A), s.linewidth_Hz.map((v) => v === null ? null : v * 1e-6)]);
        if (s.last_spectrum_dBm.length) {
          plot(plots, 'run-spectrum', 'last spectrum', 'f (GHz)', [{ label: 'dBm' }], 'dBm',
            [GHz(s.frequency_Hz), s.last_spectrum_dBm]);
        }
      }
      if (run.sequences && run.sequences.power_W) {
        const z = run.sequences;
        plot(plots, 'run-zerospan', 'zero span: sequence 0, repeat 0', 't (ms)',
          [{ label: 'P (nW)' }, { label: 'drive (mA)', scale: 'drive' }], 'P (nW)',
          [z.time_s.map((t) => t * 1e3), nW(z.power_W), mA(z.drive_A)]);
      }
      stats.runShown = run.name;
    }

    function show(name) {
      shown = name;
      document.querySelectorAll('#runs tbody tr').forEach((r) => r.classList.toggle('selected', r.dataset.name === name));
      const others = [...overlay].filter((n) => n !== name);
      Promise.all([get('api/run?name=' + encodeURIComponent(name))]
        .concat(others.map((n) => get('api/run?name=' + encodeURIComponent(n)))))
        .then((runs) => drawRun(runs[0], runs.slice(1)))
        .catch((e) => { q('#status').textContent = String(e); });
    }

    get('api/runs').then((runs) => {
      const body = q('#runs tbody');
      for (const r of runs) {
        const tr = document.createElement('tr');
        tr.dataset.name = r.name;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.addEventListener('click', (ev) => {
          ev.stopPropagation();
          if (box.checked) overlay.add(r.name); else overlay.delete(r.name);
          if (shown) show(shown);
        });
        const first = document.createElement('td');
        first.appendChild(box);
        tr.appendChild(first);
        const created = r.created_utc ? r.created_utc.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
        for (const v of [r.name, r.kind, r.device, r.points, r.complete, created, r.bench, r.command || r.error]) {
          const td = document.createElement('td');
          td.textContent = v === undefined || v === null ? '' : String(v);
          tr.appendChild(td);
        }
        tr.addEventListener('click', () => show(r.name));
        body.appendChild(tr);
      }
      stats.runsListed = runs.length;
    }).catch((e) => { q('#status').textContent = String(e); });
  }

  if (mode === 'browse') browse(); else live();
})();

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

  // A colour map on a canvas: one pixel per grid point (row iy from the bottom) in an offscreen image, scaled up
  // unsmoothed; grey where a point was measured with no value (no line found). Returns the cells drawn and the range.
  const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function colour(v) {
    const x = Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1), i = Math.min(Math.floor(x), VIRIDIS.length - 2);
    const f = x - i, a = VIRIDIS[i], b = VIRIDIS[i + 1];
    return [0, 1, 2].map((k) => Math.round(a[k] + f * (b[k] - a[k])));
  }
  function paintHeat(canvas, nx, ny, values, measured) {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (v !== null && !Number.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const img = new ImageData(nx, ny);
    let cells = 0;
    for (let iy = 0; iy < ny; iy++) {
      for (let ix = 0; ix < nx; ix++) {
        const k = iy * nx + ix, v = values[k];
        if (!measured[k]) continue;
        const rgb = v === null || Number.isNaN(v) ? [200, 200, 200] : colour(hi > lo ? (v - lo) / (hi - lo) : 0.5);
        const o = 4 * ((ny - 1 - iy) * nx + ix);  // the slow axis upwards
        img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2]; img.data[o + 3] = 255;
        cells++;
      }
    }
    const off = document.createElement('canvas');
    off.width = nx; off.height = ny;
    off.getContext('2d').putImageData(img, 0, 0);
    const g = canvas.getContext('2d');
    g.imageSmoothingEnabled = false;
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.drawImage(off, 0, 0, canvas.width, canvas.height);
    return { cells: cells, lo: lo, hi: hi };
  }
  function heatCard(parent, id, title) {
    let c = document.getElementById(id);
    if (!c) {
      card(parent, id, title);
      c = document.getElementById(id);
      const canvas = document.createElement('canvas');
      canvas.width = WIDTH; canvas.height = HEIGHT;
      c.querySelector('.plot').appendChild(canvas);
      const legend = document.createElement('p');
      legend.className = 'small';
      legend.style.maxWidth = WIDTH + 'px';
      c.appendChild(legend);
    }
    return c;
  }
  function heatLegend(plan, r, scale, unit) {
    const I = plan.current_A, Y = plan.y;
    const yl = (v) => plan.y_unit === 'T' ? fmt(v * 1e3, 2) + ' mT' : plan.y_name + ' ' + fmt(v, 0);
    return 'I ' + fmt(I[0] * 1e3, 3) + ' → ' + fmt(I[I.length - 1] * 1e3, 3) + ' mA (across), ' + yl(Y[0]) + ' → '
      + yl(Y[Y.length - 1]) + ' (up); grey: no line; colour ' + (r.cells && r.hi >= r.lo ? fmt(r.lo * scale, 3)
      + ' (dark) to ' + fmt(r.hi * scale, 3) + ' (bright) ' + unit : '–');
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
      q('#fields tbody').textContent = '';
      q('#fields').hidden = true;
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
      if (d.has('map')) drawMap();
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

    // ---------------------------------------------------------------- a map as it fills (measure map --live)
    // Colour maps of f and p over (current, slow axis) on plain canvases (paintHeat); the current row's p(I) and
    // f(I) by uPlot.
    function mapPlan(e) {
      const nx = e.current_A.length, ny = e.y.length;
      state.map = { plan: e, nx: nx, ny: ny, peak: new Float64Array(nx * ny).fill(NaN),
        power: new Float64Array(nx * ny).fill(NaN), measured: new Uint8Array(nx * ny), taken: 0, row: 0 };
      dirty('map');
    }

    function mapPoint(e) {
      const m = state.map;
      if (!m) return;
      const k = e.iy * m.nx + e.ix;
      if (!m.measured[k]) m.taken++;
      m.measured[k] = 1;
      m.peak[k] = e.peak_Hz === null ? NaN : e.peak_Hz;
      m.power[k] = e.power_W === null ? NaN : e.power_W;
      m.row = e.iy;
      dirty('map');
    }

    function yLabel(plan, v) {
      return plan.y_unit === 'T' ? fmt(v * 1e3, 2) + ' mT' : plan.y_name + ' ' + fmt(v, 0);
    }

    function heatMap(id, title, values, scale, unit) {
      const m = state.map;
      const c = heatCard(plots, id, title);
      const r = paintHeat(c.querySelector('canvas'), m.nx, m.ny, values, m.measured);
      c.querySelector('p').textContent = heatLegend(m.plan, r, scale, unit);
      c.dataset.cells = String(r.cells);
    }

    function drawMap() {
      const m = state.map;
      if (!m) return;
      heatMap('map-f', 'f over (I, ' + m.plan.y_name + ')', m.peak, 1e-9, 'GHz');
      heatMap('map-p', 'p over (I, ' + m.plan.y_name + ')', m.power, 1e9, 'nW');
      const I = [], P = [], F = [];
      for (let ix = 0; ix < m.nx; ix++) {
        const k = m.row * m.nx + ix;
        if (!m.measured[k]) continue;
        I.push(m.plan.current_A[ix] * 1e3);
        P.push(Number.isNaN(m.power[k]) ? null : m.power[k] * 1e9);
        F.push(Number.isNaN(m.peak[k]) ? null : m.peak[k] * 1e-9);
      }
      const title = 'this row (' + yLabel(m.plan, m.plan.y[m.row]) + ')';
      if (!state.charts.rowP) {
        state.charts.rowP = plot(plots, 'plot-row-p', 'p(I), ' + title, 'I (mA)', [{ label: 'P (nW)', points: { show: true } }], 'P (nW)', [I, P]);
        state.charts.rowF = plot(plots, 'plot-row-f', 'f(I), ' + title, 'I (mA)', [{ label: 'f (GHz)', points: { show: true } }], 'f (GHz)', [I, F]);
      } else {
        state.charts.rowP.setData([I, P]);
        state.charts.rowF.setData([I, F]);
        document.querySelector('#plot-row-p h2').textContent = 'p(I), ' + title;
        document.querySelector('#plot-row-f h2').textContent = 'f(I), ' + title;
      }
      stats.pointsDrawn = m.taken;
      stats.mapCells = Number(document.getElementById('map-p').dataset.cells);
      q('#points-drawn').textContent = String(m.taken);
    }

    // The field at a device: set and read, and the magnet supply's current and output.
    function fieldPanel(f) {
      q('#instruments-card').hidden = false;
      q('#fields').hidden = false;
      const body = q('#fields tbody');
      let row = body.querySelector('tr[data-name="' + CSS.escape(f.magnet) + '"]');
      if (!row) {
        row = document.createElement('tr');
        row.dataset.name = f.magnet;
        for (let i = 0; i < 5; i++) row.appendChild(document.createElement('td'));
        body.appendChild(row);
      }
      const c = row.children;
      c[0].textContent = f.magnet;
      c[1].textContent = fmt(f.magnet_current_A, 4) + ' A';
      c[2].textContent = f.magnet_output_on ? 'ON' : 'off';
      c[2].className = f.magnet_output_on ? 'on' : 'off';
      c[3].textContent = (f.set_T === null ? '–' : fmt(f.set_T * 1e3, 3)) + ' mT';
      c[4].textContent = (f.measured_T === null ? '–' : fmt(f.measured_T * 1e3, 3)) + ' mT';
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
        case 'map': mapPlan(e); break;
        case 'mappoint': mapPoint(e); pending.push(e.t); break;
        case 'field': fieldPanel(e); break;
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
      const s = (run.sweeps || [])[0];
      return s ? [mA(s.current_A), nW(s.power_W)] : null;
    }

    function drawRun(run, others) {
      const plots = q('#run-plots');
      plots.textContent = '';
      q('#run-title').textContent = run.name;
      if (run.kind === 'training') { drawTraining(plots, run, others.filter((o) => o.kind === 'training')); return; }
      for (let i = 0; i < (run.maps || []).length; i++) drawStoredMap(plots, run.maps[i], i);
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

    // A training run: its loss and test figure per epoch, with those of the ticked training runs on the same axes.
    function drawTraining(plots, run, others) {
      const all = [run].concat(others);
      const curves = (key) => {
        const series = all.map((r) => [r.curve.epoch, r.curve[key]]);
        return series.length > 1 ? uPlot.join(series) : series[0];
      };
      const names = all.map((r) => ({ label: r.name, points: { show: true } }));
      plot(plots, 'run-loss', 'training loss per epoch' + (others.length ? ' with overlays' : ''), 'epoch', names,
        'loss', curves('loss'));
      plot(plots, 'run-figure', run.curve.figure + ' per epoch' + (others.length ? ' with overlays' : ''), 'epoch',
        all.map((r) => ({ label: r.name + ' (' + r.curve.figure + ')', points: { show: true } })), run.curve.figure,
        curves('value'));
      stats.runShown = run.name;
    }

    // A stored map: its f and p colour maps, from the file.
    function drawStoredMap(plots, m, i) {
      const nx = m.current_A.length, ny = m.y.length;
      for (const [id, key, title, scale, unit] of [['run-map-f-' + i, 'peak_Hz', 'f', 1e-9, 'GHz'],
        ['run-map-p-' + i, 'power_W', 'p', 1e9, 'nW']]) {
        const c = heatCard(plots, id, title + ' over (I, ' + m.y_name + ')' + (m.complete ? '' : ', incomplete'));
        const r = paintHeat(c.querySelector('canvas'), nx, ny, m[key], m.taken);
        c.querySelector('p').textContent = heatLegend(m, r, scale, unit);
        c.dataset.cells = String(r.cells);
      }
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

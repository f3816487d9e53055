// Asciml play page: the current morph as an instrument in Web Audio. Every note and controller, from the computer
// keyboard, the on-screen keys, Web MIDI inputs or OSC (through the server), goes through handleMidi([status, d1, d2]),
// so a test can play the page by calling it. Read-only figures for tests and benchmarks are written as data-*
// attributes of #play-status.
window.ascimlPlay = (() => {
  const MaxVoices = 8;
  const ReleaseSeconds = 0.12;   // note-off fade
  const StealSeconds = 0.01;     // a stolen voice fades this fast (no click)
  const AttackSeconds = 0.003;
  // A-W-S-E-D… like a piano's white and black keys from C; Z and X move the octave.
  const KeyOffsets = { a: 0, w: 1, s: 2, e: 3, d: 4, f: 5, t: 6, g: 7, y: 8, h: 9, u: 10, j: 11, k: 12, o: 13, l: 14, p: 15, ';': 16 };

  let context = null;
  let dotNet = null;
  let set = null;            // { keys, soundingKeys, buffers }
  let loadingToken = null;
  let voices = [];           // { note, source, gain, released }
  let octave = 4;            // the A key plays C4 (MIDI 60)
  const held = new Set();    // computer keys down (no auto-repeat notes)
  const morphRequests = new Map(); // client sequence → performance.now() when the morph changed here
  let morphSequence = 0;
  const stats = { sourcesStarted: 0, setsLoaded: 0, completeSets: 0, keyLatencies: [], morphLatencies: [], fullSetLatencies: [], fetchLatencies: [] };
  let statusElement = null;
  let midiText = 'not asked';

  function status() {
    if (!statusElement) return;
    const d = statusElement.dataset;
    d.ready = set ? 'true' : 'false';
    d.sourcesStarted = String(stats.sourcesStarted);
    d.activeVoices = String(voices.filter(v => !v.released).length);
    d.setsLoaded = String(stats.setsLoaded);
    d.completeSets = String(stats.completeSets);
    d.pendingMorphs = String(morphRequests.size);
    d.keys = set ? String(set.keys.length) : '0';
    d.octave = String(octave);
    d.midi = midiText;
    if (context) {
      d.baseLatencyMs = (1000 * (context.baseLatency || 0)).toFixed(2);
      d.outputLatencyMs = (1000 * (context.outputLatency || 0)).toFixed(2);
      d.contextState = context.state;
    }
    const last = a => a.length ? a[a.length - 1].toFixed(2) : '';
    d.keyLatencyMs = last(stats.keyLatencies);
    d.morphLatencyMs = last(stats.morphLatencies);
    d.fullSetLatencyMs = last(stats.fullSetLatencies);
    d.fetchLatencyMs = last(stats.fetchLatencies);
    const text = document.getElementById('play-voices');
    if (text) {
      const n = voices.filter(v => !v.released).length;
      text.textContent = `${n} of ${MaxVoices} voices sounding · octave ${octave} (A key = C${octave}) · MIDI: ${midiText}`;
    }
  }

  function ensureContext() {
    if (!context) context = new AudioContext({ latencyHint: 'interactive' });
    if (context.state === 'suspended') context.resume();
    return context;
  }

  function release(voice, seconds) {
    if (voice.released) return;
    voice.released = true;
    const now = context.currentTime;
    voice.gain.gain.cancelScheduledValues(now);
    voice.gain.gain.setValueAtTime(voice.gain.gain.value, now);
    voice.gain.gain.linearRampToValueAtTime(0, now + seconds);
    try { voice.source.stop(now + seconds + 0.01); } catch { /* already stopped */ }
  }

  function noteOn(note, velocity, entered) {
    if (!set) return;
    const ctx = ensureContext();
    for (const v of voices) if (v.note === note) release(v, StealSeconds);
    const sounding = voices.filter(v => !v.released);
    if (sounding.length >= MaxVoices) release(sounding[0], StealSeconds); // steal the oldest
    let nearest = 0;
    for (let i = 1; i < set.keys.length; i++) if (Math.abs(note - set.keys[i]) < Math.abs(note - set.keys[nearest])) nearest = i;
    const source = ctx.createBufferSource();
    source.buffer = set.buffers[nearest];
    source.playbackRate.value = Math.pow(2, (note - set.soundingKeys[nearest]) / 12);
    const gain = ctx.createGain();
    const level = 0.8 * Math.pow(velocity / 127, 2); // velocity curve: squared, as most samplers
    const now = ctx.currentTime;
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(level, now + AttackSeconds);
    source.connect(gain).connect(ctx.destination);
    const voice = { note, source, gain, released: false };
    source.onended = () => { source.disconnect(); gain.disconnect(); if (voice.released) { voices = voices.filter(v => v !== voice); status(); } };
    voices.push(voice);
    source.start(now);
    stats.sourcesStarted++;
    stats.keyLatencies.push(performance.now() - entered);
    if (stats.keyLatencies.length > 200) stats.keyLatencies.shift();
    status();
  }

  function noteOff(note) {
    for (const v of voices) if (v.note === note && !v.released) release(v, ReleaseSeconds);
    status();
  }

  function morphChanged() {
    morphSequence++;
    morphRequests.set(morphSequence, { at: performance.now(), playable: 0 });
    status();
    return morphSequence;
  }

  // Sends the latest of a stream of values at once, then at most every 40 ms (the server renders the latest only).
  function throttled(send) {
    let timer = null, pending = null;
    const flush = () => { timer = null; if (pending) { const args = pending; pending = null; send(...args); timer = setTimeout(flush, 40); } };
    return (...args) => { pending = args; if (!timer) flush(); };
  }

  // The mod wheel (CC1) sweeps the A→B amount.
  const sendAmount = throttled(value => { if (dotNet) dotNet.invokeMethodAsync('AmountFromController', value, morphChanged()); });
  function amountFromWheel(value) { sendAmount(value / 127); }

  function handleMidi(message) {
    const entered = performance.now();
    if (!message || message.length < 1) return;
    const kind = message[0] & 0xf0, d1 = (message[1] ?? 0) & 0x7f, d2 = (message[2] ?? 0) & 0x7f;
    if (kind === 0x90 && d2 > 0) noteOn(d1, d2, entered);
    else if (kind === 0x80 || (kind === 0x90 && d2 === 0)) noteOff(d1);
    else if (kind === 0xb0 && d1 === 1) amountFromWheel(d2);
    else if (kind === 0xb0 && (d1 === 120 || d1 === 123)) { for (const v of voices) release(v, ReleaseSeconds); status(); }
  }

  function typing(target) {
    return target && (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
      || (target.tagName === 'INPUT' && !['range', 'checkbox', 'radio', 'button'].includes(target.type)));
  }

  function onKeyDown(event) {
    if (!statusElement) return; // the play page is not open
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' || key === 'x') {
      octave = Math.max(1, Math.min(7, octave + (key === 'x' ? 1 : -1)));
      event.preventDefault();
      status();
      return;
    }
    if (!(key in KeyOffsets)) return;
    event.preventDefault();
    if (held.has(key)) return;
    held.add(key);
    handleMidi([0x90, 12 * (octave + 1) + KeyOffsets[key], 100]);
  }

  function onKeyUp(event) {
    const key = event.key.toLowerCase();
    if (!held.has(key)) return;
    held.delete(key);
    handleMidi([0x80, 12 * (octave + 1) + KeyOffsets[key], 0]);
  }

  async function connectMidi() {
    if (!navigator.requestMIDIAccess) { midiText = 'not available in this browser'; status(); return; }
    try {
      const access = await navigator.requestMIDIAccess();
      const attach = () => {
        const names = [];
        access.inputs.forEach(input => { input.onmidimessage = e => handleMidi(e.data); names.push(input.name || 'input'); });
        midiText = names.length ? names.join(', ') : 'no input connected';
        status();
      };
      access.onstatechange = attach;
      attach();
    } catch (error) {
      midiText = 'not allowed (' + (error && error.name ? error.name : 'refused') + ')';
      status();
    }
  }

  // The XY pad: a pointer drag over the map sends map points (at most every 40 ms, latest wins).
  function attachPad(pad) {
    if (!pad || pad._ascimlPad) return;
    pad._ascimlPad = true;
    let dragging = false;
    const send = throttled((x, y) => { if (dotNet) dotNet.invokeMethodAsync('PadMoved', x, y, morphChanged()); });
    const at = event => {
      const box = pad.getBoundingClientRect();
      const fx = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      const fy = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      const d = pad.dataset;
      const x = Number(d.minX) + fx * (Number(d.maxX) - Number(d.minX));
      const y = Number(d.maxY) - fy * (Number(d.maxY) - Number(d.minY));
      const cursor = pad.querySelector('.asciml-pad-cursor');
      if (cursor) { cursor.style.left = (100 * fx) + '%'; cursor.style.top = (100 * fy) + '%'; }
      send(x, y);
    };
    pad.addEventListener('pointerdown', e => { dragging = true; pad.setPointerCapture(e.pointerId); at(e); });
    pad.addEventListener('pointermove', e => { if (dragging) at(e); });
    pad.addEventListener('pointerup', e => { dragging = false; pad.releasePointerCapture(e.pointerId); });
  }

  function attachKeys(keys) {
    if (!keys || keys._ascimlKeys) return;
    keys._ascimlKeys = true;
    const note = e => { const b = e.target.closest('[data-note]'); return b ? Number(b.dataset.note) : null; };
    const down = new Map();
    keys.addEventListener('pointerdown', e => { const n = note(e); if (n !== null) { down.set(e.pointerId, n); handleMidi([0x90, n, 100]); } });
    const up = e => { if (down.has(e.pointerId)) { handleMidi([0x80, down.get(e.pointerId), 0]); down.delete(e.pointerId); } };
    keys.addEventListener('pointerup', up);
    keys.addEventListener('pointerleave', up);
    keys.addEventListener('pointercancel', up);
    // Keyboard users: Enter or Space on a focused key plays it while held.
    keys.addEventListener('keydown', e => {
      const n = note(e);
      if (n === null || (e.key !== 'Enter' && e.key !== ' ') || e.repeat) return;
      e.preventDefault(); e.stopPropagation(); handleMidi([0x90, n, 100]);
    });
    keys.addEventListener('keyup', e => {
      const n = note(e);
      if (n === null || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault(); e.stopPropagation(); handleMidi([0x80, n, 0]);
    });
  }

  return {
    handleMidi,

    init(dotNetRef, statusId, padId, keysId) {
      dotNet = dotNetRef;
      statusElement = document.getElementById(statusId);
      attachPad(document.getElementById(padId));
      attachKeys(document.getElementById(keysId));
      if (!window._ascimlPlayKeys) {
        window._ascimlPlayKeys = true;
        window.addEventListener('keydown', onKeyDown);
        window.addEventListener('keyup', onKeyUp);
      }
      ensureContext();
      connectMidi();
      status();
    },

    // Re-attaches the pad and keys after Blazor re-created them.
    reattach(padId, keysId) { attachPad(document.getElementById(padId)); attachKeys(document.getElementById(keysId)); },

    // A new keyboard set rendered by the server: fetched and swapped in; notes already sounding go on.
    async setRenders(meta) {
      const started = performance.now();
      loadingToken = meta.token;
      const response = await fetch(`audio/play/${meta.token}.f32`);
      if (!response.ok || loadingToken !== meta.token) return;
      const data = new Float32Array(await response.arrayBuffer());
      if (loadingToken !== meta.token || !statusElement) return; // a newer set is on its way, or the page closed
      const ctx = ensureContext();
      const buffers = meta.keys.map((_, i) => {
        const buffer = ctx.createBuffer(1, meta.length, meta.sampleRate);
        buffer.copyToChannel(data.subarray(i * meta.length, (i + 1) * meta.length), 0);
        return buffer;
      });
      set = { keys: meta.keys, soundingKeys: meta.soundingKeys, buffers };
      stats.setsLoaded++;
      if (meta.complete) stats.completeSets++;
      const now = performance.now();
      stats.fetchLatencies.push(now - started);
      // First playable sound for a morph change (the preview), then the full set of exact notes.
      // Changes a set covers: the latest of them is timed (earlier ones in a sweep were overtaken, not measured).
      const covered = [...morphRequests.keys()].filter(k => k <= meta.sequence);
      if (covered.length) {
        const request = morphRequests.get(Math.max(...covered));
        if (!request.playable) { request.playable = now; stats.morphLatencies.push(now - request.at); }
        if (meta.complete) {
          stats.fullSetLatencies.push(now - request.at);
          for (const k of covered) morphRequests.delete(k);
        }
      }
      status();
    },

    // Every figure so far (for benchmarks): key latencies, morph latencies, set fetch times, and the context's latencies.
    figures() {
      return {
        keyLatencies: stats.keyLatencies.slice(), morphLatencies: stats.morphLatencies.slice(), fullSetLatencies: stats.fullSetLatencies.slice(), fetchLatencies: stats.fetchLatencies.slice(),
        baseLatencyMs: context ? 1000 * (context.baseLatency || 0) : null, outputLatencyMs: context ? 1000 * (context.outputLatency || 0) : null,
        sampleRate: context ? context.sampleRate : null,
      };
    },

    // Morph changes made on the server side (selects, sliders, OSC) start their clock here.
    morphChanged,

    dispose() {
      for (const v of voices) release(v, StealSeconds);
      dotNet = null;
      set = null;
      statusElement = null;
    },
  };
})();

// Asciml browser helpers: microphone recording (device choice, level meter, count-in, 1 s capture through an
// AudioWorklet) and playback.
window.asciml = (() => {
  let lastTake = null;

  function wavBytes(samples, sampleRate) {
    const buffer = new ArrayBuffer(44 + samples.length * 2);
    const view = new DataView(buffer);
    const text = (offset, s) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
    text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
    text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, sampleRate, true); view.setUint32(28, sampleRate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
    text(36, 'data'); view.setUint32(40, samples.length * 2, true);
    for (let i = 0; i < samples.length; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Uint8Array(buffer);
  }

  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

  return {
    async devices() {
      if (!navigator.mediaDevices?.enumerateDevices) return [];
      const devices = await navigator.mediaDevices.enumerateDevices();
      return devices.filter(d => d.kind === 'audioinput').map((d, i) => ({ id: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
    },

    // Count-in (3, 2, 1 shown in statusId), then captures `seconds` of audio while drawing the level in meterId.
    // Returns the take as a base64 16-bit WAV and keeps it for playback until the next take.
    async record(deviceId, seconds, statusId, meterId) {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('this browser cannot record audio (no microphone access)');
      const stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true });
      const context = new AudioContext();
      await context.audioWorklet.addModule('js/recorder-worklet.js');
      const source = context.createMediaStreamSource(stream);
      const capture = new AudioWorkletNode(context, 'asciml-capture', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1 });
      const status = document.getElementById(statusId);
      const meter = document.getElementById(meterId);
      const meterRole = meter ? meter.parentElement : null;
      const chunks = [];
      let capturing = false;
      capture.port.onmessage = e => {
        const input = e.data;
        let sum = 0;
        for (let i = 0; i < input.length; i++) sum += input[i] * input[i];
        const rms = Math.sqrt(sum / input.length);
        const level = Math.round(Math.min(100, Math.max(0, (20 * Math.log10(rms + 1e-9) + 60) / 60 * 100)));
        if (meter) meter.style.width = level + '%';
        if (meterRole) { meterRole.setAttribute('aria-valuenow', String(level)); meterRole.setAttribute('aria-valuetext', `${Math.round(20 * Math.log10(rms + 1e-9))} dBFS`); }
        if (capturing) chunks.push(input);
      };
      source.connect(capture);
      try {
        for (const n of [3, 2, 1]) { if (status) status.textContent = `${n}…`; await sleep(500); }
        if (status) status.textContent = 'recording';
        capturing = true;
        await sleep(seconds * 1000 + 150);
        capturing = false;
      } finally {
        source.disconnect(); capture.port.onmessage = null; capture.disconnect();
        stream.getTracks().forEach(t => t.stop());
        await context.close();
      }
      if (status) status.textContent = 'done';
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const samples = new Float32Array(total);
      let offset = 0;
      for (const c of chunks) { samples.set(c, offset); offset += c.length; }
      const bytes = wavBytes(samples, context.sampleRate);
      if (lastTake) URL.revokeObjectURL(lastTake);
      lastTake = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
      return toBase64(bytes);
    },

    playLastTake() { if (lastTake) new Audio(lastTake).play(); },

    play(url) { return new Audio(url).play().catch(() => {}); },

    // Clicks anywhere inside a Plotly plot area (not on a point) report data coordinates to .NET: the latent map
    // decodes any point. Re-attaches when Blazor re-creates the chart.
    mapClicks(id, dotNet) {
      const attach = () => {
        const plot = document.getElementById(id);
        if (!plot || !plot._fullLayout) { setTimeout(attach, 300); return; }
        if (plot._ascimlClicks) return;
        plot._ascimlClicks = true;
        plot.addEventListener('click', event => {
          if (plot._hoverdata && plot._hoverdata.length) return; // a point: Plotly's own click handles it
          const area = plot.querySelector('.nsewdrag');
          if (!area) return;
          const box = area.getBoundingClientRect();
          const px = event.clientX - box.left, py = event.clientY - box.top;
          if (px < 0 || py < 0 || px > box.width || py > box.height) return;
          dotNet.invokeMethodAsync('MapClicked', plot._fullLayout.xaxis.p2c(px), plot._fullLayout.yaxis.p2c(py));
        });
      };
      attach();
    },
  };
})();

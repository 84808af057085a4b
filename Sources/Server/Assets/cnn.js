// Page 4, inside the CNN. Predictions, feature maps, filters, saliency maps and the sanity check are computed
// by the server (Showcase's CNNInspection); this file picks images and lays the answers out.
"use strict";
const state = { network: "seed", a: null, b: null, views: {}, classNames: [], networks: [] };

/// A network's name in the page's language (checkpoints keep their file names).
function networkName(id) {
  const n = state.networks.find(n => n.id === id);
  if (!n) return id;
  return n.id === "seed" ? t("seed-net") + (n.name.includes("quick") ? ` · ${t("quick")}` : "") : n.name;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(errorText(body) || response.statusText);
  return body;
}

function query(params) { return new URLSearchParams({ ...params, lang: window.LANG }).toString(); }

async function loadNetworks() {
  const networks = state.networks = await api("/api/cnn/networks");
  const select = document.getElementById("network");
  select.innerHTML = networks.map(n => `<option value="${n.id}" title="${escapeHTML(n.path)}">${escapeHTML(networkName(n.id))}</option>`).join("");
  select.value = state.network;
}

function fillFilters() {
  const filter = document.getElementById("filter"), keep = filter.value || "all";
  filter.innerHTML = ["all", "misclassified", "leastConfident"].map(f => `<option value="${f}">${t("filter-" + f)}</option>`).join("");
  filter.value = keep;
  const label = document.getElementById("label"), keepLabel = label.value;
  label.innerHTML = `<option value="">${t("all-classes")}</option>` +
    state.classNames.map((n, k) => `<option value="${k}">${k}: ${escapeHTML(n)}</option>`).join("");
  label.value = keepLabel;
}

let galleryAsked = 0;
async function loadGallery() {
  const asked = ++galleryAsked;  // a gallery asked for later wins, whichever answer comes first
  const params = { network: state.network, filter: document.getElementById("filter").value || "all", limit: 40 };
  const label = document.getElementById("label").value;
  if (label !== "") params.label = label;
  const note = document.getElementById("gallery-note");
  note.textContent = t("working");
  try {
    const g = await api("/api/cnn/gallery?" + query(params));
    if (asked !== galleryAsked) return;
    state.classNames = g.classNames;
    fillFilters();
    document.getElementById("gallery").innerHTML = g.items.map(item =>
      `<button class="thumb${item.predicted !== item.label ? " wrong" : ""}" data-index="${item.index}" ` +
      `title="#${item.index}: ${escapeHTML(g.classNames[item.label])} → ${escapeHTML(g.classNames[item.predicted])} ${(100 * item.confidence).toFixed(0)}%">` +
      `<img src="${item.thumbnail}" alt="#${item.index}"></button>`).join("");
    note.textContent = g.items.length ? t("gallery-note").replace("{n}", g.items.length) : t("gallery-empty");
    document.querySelectorAll("#gallery .thumb").forEach(b => b.addEventListener("click", () => {
      const slot = document.getElementById("slot").value;
      pick(slot, { network: state.network, index: Number(b.dataset.index) });
    }));
  } catch (e) { note.textContent = e.message; }
}

async function pick(slot, what) {
  state[slot] = what;
  await show(slot);
}

async function show(slot) {
  const what = state[slot];
  const box = document.getElementById("view-" + slot);
  if (!what) { box.hidden = slot === "b"; return; }
  box.hidden = false;
  box.innerHTML = `<p class="status">${t("working")}</p>`;
  try {
    const v = what.file ? await uploadView(what) : await api("/api/cnn/view?" + query({ network: what.network, index: what.index }));
    state.views[slot] = v;
    render(box, v, slot);
  } catch (e) { box.innerHTML = `<p class="error">${escapeHTML(e.message)}</p>`; }
}

function render(box, v, slot) {
  const title = v.index == null ? t("uploaded") : `${t("test-image")} #${v.index}`;
  const truth = v.label == null ? "" : ` · ${t("true")}: ${escapeHTML(v.classNames[v.label])}`;
  const bars = v.probabilities.map((p, k) => `<div class="bar-row${k === v.predicted ? " top" : ""}"><span>${escapeHTML(v.classNames[k])}</span>` +
    `<span class="bar"><i style="width:${(100 * p).toFixed(1)}%"></i></span><span class="mono">${(100 * p).toFixed(1)}%</span></div>`).join("");
  const layers = v.layers.map((l, li) => `<div class="fmaps"><div class="status"><b>${escapeHTML(l.name)}</b> ${escapeHTML(l.kind)} · ` +
    `${l.channels} × ${l.height}×${l.width} · ${fmt(l.low)} … ${fmt(l.high)} · ${t("field")} ${l.field.size}×${l.field.size}</div>` +
    l.maps.map((m, c) => `<img class="fmap" src="${m}" data-layer="${li}" data-channel="${c}" alt="${escapeHTML(l.name)} ${c}">`).join("") + `</div>`).join("");
  const filters = v.filters.map(filterGrid).join("");
  const maps = v.saliency.map(s => `<figure class="sal" data-method="${s.method}">` +
    (s.image ? `<img src="${s.image}" alt="${escapeHTML(s.title)}">` : `<div class="map-wait status">${t("working")}</div>`) +
    `<figcaption><b>${escapeHTML(s.title)}</b><br><span class="status">${escapeHTML(s.definition)}</span></figcaption></figure>`).join("");
  const complete = `<p id="completeness-${slot}">${completenessText(v.completeness)}</p>`;
  box.innerHTML = `<div class="panel"><h2>${title}${truth} · ${t("predicted")}: ${escapeHTML(v.classNames[v.predicted])} <span class="status">(${escapeHTML(networkName(state[slot].network))})</span>` +
    (slot === "b" ? ` <button class="close-b">✕</button>` : "") + `</h2>` +
    `<div class="top-row"><div class="input-box"><img class="input" src="${v.input}" alt="input"><div class="field-rect" hidden></div></div>` +
    `<div class="bars">${bars}</div></div>` + (v.conversion ? `<div class="conversion"><figure><img src="${v.original}" alt="upload"><figcaption class="status">${t("as-uploaded")}</figcaption></figure>` +
      `<span class="arrow">→</span><figure><img class="small-input" src="${v.input}" alt="input"><figcaption class="status">${t("network-input")}</figcaption></figure>` +
      `<p class="status" id="conversion-${slot}">${escapeHTML(v.conversion)}</p></div>` : "") + `</div>` +
    `<div class="panel"><h2>${t("feature-maps")}</h2><div class="status">${t("hover-note")}</div>${layers}</div>` +
    `<div class="panel"><h2>${t("six-maps")}</h2><div class="sal-grid">${maps}</div>${complete}</div>` +
    (slot === "a" && v.index != null ? `<div class="panel"><h2>${t("sanity")}</h2><button id="sanity-run">${t("sanity-run")}</button> ` +
      `<progress id="sanity-progress" max="6" value="0" hidden></progress> <span id="sanity-status" class="status"></span>` +
      `<div id="sanity-result"></div></div>` : "") +
    `<div class="panel"><h2>${t("filters")}</h2>${filters}</div>`;
  const rect = box.querySelector(".field-rect"), input = box.querySelector("img.input");
  box.querySelectorAll("img.fmap").forEach(img => {
    img.addEventListener("mousemove", e => {
      const l = v.layers[Number(img.dataset.layer)];
      const col = Math.min(l.width - 1, Math.floor(e.offsetX / img.clientWidth * l.width));
      const row = Math.min(l.height - 1, Math.floor(e.offsetY / img.clientHeight * l.height));
      const scale = input.clientWidth / v.cols;
      const x0 = Math.max(0, l.field.start + l.field.jump * col), y0 = Math.max(0, l.field.start + l.field.jump * row);
      const x1 = Math.min(v.cols, l.field.start + l.field.jump * col + l.field.size);
      const y1 = Math.min(v.rows, l.field.start + l.field.jump * row + l.field.size);
      Object.assign(rect.style, { left: `${x0 * scale}px`, top: `${y0 * scale}px`, width: `${(x1 - x0) * scale}px`, height: `${(y1 - y0) * scale}px` });
      rect.hidden = false;
      rect.title = `${l.name} (${row}, ${col}) ← ${t("input")} x ${x0}…${x1 - 1}, y ${y0}…${y1 - 1}`;
    });
    img.addEventListener("mouseleave", () => { rect.hidden = true; });
  });
  const close = box.querySelector(".close-b");
  if (close) close.addEventListener("click", () => { state.b = null; box.hidden = true; });
  const run = box.querySelector("#sanity-run");
  if (run) run.addEventListener("click", () => sanity(v));
  if (v.index != null) fillMaps(box, v, slot);
}

/// A conv layer's filter grid with its columns (filters = the layer's output channels) and, when it reads more
/// than one channel, its rows (the input channels = the maps of the layer before it) numbered around it.
function filterGrid(f) {
  const width = f.outChannels * f.tileWidth + (f.outChannels + 1) * f.gap;
  const height = f.inChannels * f.tileHeight + (f.inChannels + 1) * f.gap;
  const at = (k, tile, total) => (100 * (f.gap + k * (tile + f.gap) + tile / 2) / total).toFixed(3);
  const columns = [...Array(f.outChannels).keys()].map(o =>
    `<span style="left:${at(o, f.tileWidth, width)}%">${o}</span>`).join("");
  const rows = f.inChannels > 1 ? [...Array(f.inChannels).keys()].map(i =>
    `<span style="top:${at(i, f.tileHeight, height)}%">${i}</span>`).join("") : "";
  const axes = t("filter-axes").replaceAll("{layer}", f.layer).replace("{n}", f.outChannels) +
    (f.inChannels > 1 ? " " + t("filter-rows").replace("{input}", f.inputLayer).replace("{m}", f.inChannels) : "");
  return `<figure class="filters${f.inChannels > 1 ? " rows" : ""}"><div class="filter-grid"><div class="cols">${columns}</div>` +
    `<div class="rows">${rows}</div><img src="${f.image}" alt="${escapeHTML(f.layer)}" style="max-width:${width}px"></div>` +
    `<figcaption class="status">${escapeHTML(f.caption)}<br>${escapeHTML(axes)}</figcaption></figure>`;
}

/// Integrated Gradients' completeness line (empty until the IG map has come).
function completenessText(c) {
  if (!c) return "";
  return `<span class="${c.passed ? "pass" : "fail"}">${t("completeness")}: Σ = ${fmt(c.attributionSum)}, ` +
    `s(x) − s(${t("baseline")}) = ${fmt(c.scoreDifference)}, ${t("relerr")} ${c.relativeError.toExponential(2)} ` +
    `(${t("tolerance")} ${c.tolerance}, ${c.steps} ${t("steps")}) ${c.passed ? "✓" : "✗"}</span>`;
}

/// A test image's view comes without its six maps (the prediction and feature maps show at once); each map is
/// asked for on its own, all six at the same time, and drawn as it comes.
function fillMaps(box, v, slot) {
  const what = state[slot];
  for (const s of v.saliency) {
    if (s.image) continue;
    api("/api/cnn/saliency?" + query({ network: what.network, index: what.index, method: s.method })).then(m => {
      if (state[slot] !== what) return;  // another image was picked meanwhile
      s.image = m.saliency.image;
      const figure = box.querySelector(`figure.sal[data-method="${s.method}"]`);
      if (figure) figure.querySelector(".map-wait").outerHTML = `<img src="${s.image}" alt="${escapeHTML(s.title)}">`;
      if (m.completeness) {
        v.completeness = m.completeness;
        document.getElementById("completeness-" + slot).innerHTML = completenessText(m.completeness);
      }
    }).catch(e => {
      const figure = box.querySelector(`figure.sal[data-method="${s.method}"] .map-wait`);
      if (figure) { figure.classList.add("error"); figure.textContent = e.message; }
    });
  }
}

/// Runs the sanity check; the server streams one line per method done, then the result.
async function sanity(v) {
  const bar = document.getElementById("sanity-progress"), status = document.getElementById("sanity-status");
  bar.hidden = false; bar.value = 0; status.textContent = t("sanity-running");
  document.getElementById("sanity-run").disabled = true;
  try {
    const what = state.a;
    const response = await fetch("/api/cnn/sanity?" + query({ network: what.network, index: what.index }));
    const reader = response.body.getReader(), decoder = new TextDecoder();
    let text = "", result = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = text.indexOf("\n")) >= 0) {
        const line = JSON.parse(text.slice(0, cut)); text = text.slice(cut + 1);
        if (line.done != null) { bar.max = line.total; bar.value = line.done; status.textContent = `${line.done} / ${line.total}`; }
        if (line.error) throw new Error(errorText(line));
        if (line.result) result = line.result;
      }
    }
    if (!result) throw new Error(t("sanity-none"));
    const head = `<tr><th>${t("method")}</th><th>${t("trained")}</th>` + result.layers.map(l => `<th>→ ${escapeHTML(l)}</th>`).join("") + `<th></th></tr>`;
    const rows = result.rows.map(r => `<tr><td>${escapeHTML(r.title)}</td>` + r.images.map((img, i) =>
      `<td><img src="${img}" alt=""><br>${i === 0 ? "" : "ρ = " + r.correlations[i - 1].toFixed(2)}</td>`).join("") +
      `<td class="${{ flagged: "fail", passes: "pass" }[r.verdict] || "warn"}">${t("verdict-" + r.verdict)}<br>` +
      `<span class="status">ρ ${r.spread[0].toFixed(2)} … ${r.spread[2].toFixed(2)}</span></td></tr>`).join("");
    const note = t("sanity-note").replace("{r}", result.threshold).replaceAll("{d}", result.seeds.length)
      .replace("{seeds}", `${result.seeds[0]}…${result.seeds[result.seeds.length - 1]}`);
    document.getElementById("sanity-result").innerHTML = `<p class="status">${note}</p>` +
      `<table class="sanity" id="sanity-table">${head}${rows}</table>`;
    status.textContent = t("sanity-done");
  } catch (e) { status.textContent = e.message; }
  document.getElementById("sanity-run").disabled = false;
}

window.addEventListener("DOMContentLoaded", async () => {
  await initLang(async () => { fillFilters(); await loadNetworks(); await loadGallery(); await show("a"); await show("b"); });
  fillFilters();
  document.getElementById("network").addEventListener("change", async e => { state.network = e.target.value; await loadGallery(); });
  document.getElementById("filter").addEventListener("change", loadGallery);
  document.getElementById("label").addEventListener("change", loadGallery);
  document.getElementById("upload").addEventListener("change", upload);
  try { await loadNetworks(); } catch (e) { document.getElementById("gallery-note").textContent = e.message; }
  await loadGallery();
  const first = document.querySelector("#gallery .thumb");
  if (first) await pick("a", { network: state.network, index: Number(first.dataset.index) });
});

/// The chosen PNG goes to the server, which converts it to the network's input and says how.
async function upload() {
  const file = document.getElementById("upload").files[0], note = document.getElementById("upload-note");
  if (!file) return;
  note.textContent = "";
  const slot = document.getElementById("slot").value;
  state[slot] = { network: state.network, file, background: document.getElementById("background").value };
  await show(slot);
  document.getElementById("upload").value = "";
}

async function uploadView(what) {
  const response = await fetch("/api/cnn/upload?" + query({ network: what.network, background: what.background }),
    { method: "POST", body: what.file, headers: { "Content-Type": "image/png" } });
  const body = await response.json();
  if (!response.ok) throw new Error(errorText(body) || response.statusText);
  return body;
}

// The lessons page: the curriculum from GET /api/lessons, one lesson from GET /api/lessons/NAME?lang=…
// (the server runs the lesson and lists each section's text and figures), rendered here.
"use strict";

const $ = id => document.getElementById(id);
let catalog = [];
let current = new URLSearchParams(location.search).get("lesson");
let loadCount = 0;

function drawList() {
  $("lesson-list").innerHTML = catalog.map(l =>
    `<li><a data-lesson="${escapeHTML(l.name)}" class="${l.name === current ? "here" : ""}">${escapeHTML(l.name)}</a>` +
    `<span class="sum">${escapeHTML(l.summary[window.LANG] ?? l.summary.en)}</span></li>`).join("");
  $("lesson-list").querySelectorAll("a").forEach(a => a.addEventListener("click", () => openLesson(a.dataset.lesson)));
}

function figureHTML(lesson, figure) {
  const src = `/api/lessons/${encodeURIComponent(lesson)}/figures/${encodeURIComponent(figure.file)}?lang=${window.LANG}`;
  return `<figure><img src="${src}" alt="${escapeHTML(figure.title)}" loading="lazy">` +
    `<figcaption>${escapeHTML(figure.title)}<code>${escapeHTML(figure.command)}</code></figcaption></figure>`;
}

function checkHTML(page) {
  const rows = page.checks.map(c => `<tr><td>${escapeHTML(c.name)}</td><td class="mono">${fmt(c.shown)}</td>` +
    `<td class="mono">${fmt(c.expected)}</td><td class="mono">${c.difference.toExponential(1)}</td>` +
    `<td class="${c.passed ? "pass" : "fail"}">${c.passed ? "✓" : "✗"}</td></tr>`).join("");
  const failed = page.checks.filter(c => !c.passed).length;
  return `<h2>${t("self-check")}</h2><table class="check" id="self-check"><tr><th></th><th>${t("shown")}</th>` +
    `<th>${t("independent")}</th><th>${t("diff")}</th><th>${t("ok")}</th></tr>${rows}</table>` +
    `<p class="${failed ? "fail" : "pass"}">${failed ? `${failed} / ${page.checks.length} ${t("some-failed")}` : t("all-passed")}</p>`;
}

/// A figure wider than the column opens at full size on click.
function markWide(img) {
  const wide = () => {
    if (img.naturalWidth > img.clientWidth + 2) {
      img.classList.add("wide");
      img.title = t("full-size");
    }
  };
  if (img.complete) wide(); else img.addEventListener("load", wide);
  img.addEventListener("click", () => {
    if (!img.classList.contains("wide")) return;
    const overlay = document.createElement("div");
    overlay.className = "overlay";
    overlay.innerHTML = `<img src="${img.src}" alt="${escapeHTML(img.alt)}">`;
    overlay.addEventListener("click", () => overlay.remove());
    document.body.appendChild(overlay);
  });
}

async function openLesson(name) {
  current = name;
  const url = new URL(location.href); url.searchParams.set("lesson", name); url.searchParams.set("lang", window.LANG);
  history.replaceState(null, "", url.pathname + url.search);
  drawList();
  const ticket = ++loadCount;
  $("lesson").innerHTML = `<p class="status" id="running">${escapeHTML(t("running"))}</p>`;
  const response = await fetch(`/api/lessons/${encodeURIComponent(name)}?lang=${window.LANG}`);
  const page = await response.json();
  if (ticket !== loadCount) return;
  if (!response.ok) { $("lesson").innerHTML = `<p class="fail">${escapeHTML(page.error)}</p>`; return; }
  let html = "";
  for (const section of page.sections) {
    html += `<section data-section="${escapeHTML(section.name)}">${markdownToHTML(section.markdown)}`;
    html += section.figures.map(f => figureHTML(page.name, f)).join("") + "</section>";
  }
  html += checkHTML(page);
  html += `<p class="status">${t("command")} <code>${escapeHTML(page.command)}</code></p>`;
  $("lesson").innerHTML = html;
  $("lesson").dataset.loaded = page.name + "/" + page.language;
  $("lesson").querySelectorAll("figure img").forEach(markWide);
}

initLang(() => { drawList(); if (current) openLesson(current); }).then(async () => {
  catalog = await (await fetch("/api/lessons")).json();
  drawList();
  if (current) openLesson(current);
});

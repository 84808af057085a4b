// The small part of Markdown the lesson texts use, to HTML: headings, paragraphs, lists, fenced and indented
// code, pipe tables, **bold**, *italic*, `code`. Text is escaped first; nothing from the text becomes markup
// except these constructs.
"use strict";

function inlineMarkdown(text) {
  const parts = text.split(/(`[^`]*`)/);
  return parts.map(part => {
    if (part.startsWith("`") && part.endsWith("`") && part.length >= 2) return `<code>${escapeHTML(part.slice(1, -1))}</code>`;
    return escapeHTML(part)
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, "$1<em>$2</em>");
  }).join("");
}

function markdownToHTML(markdown) {
  const lines = markdown.split("\n");
  const out = [];
  let i = 0;
  const isBlank = l => l.trim() === "";
  // A block drawn with box characters or aligned columns (tables a lesson fills in) stays verbatim.
  const isVerbatim = l => /[│─┼┌┐└┘├┤]/.test(l);
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) { i++; continue; }
    if (line.trim().startsWith("```")) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith("```")) body.push(lines[i++]);
      i++;
      out.push(`<pre>${escapeHTML(body.join("\n"))}</pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1].length + 1);  // the page title is h1; a lesson's # is h2
      out.push(`<h${level}>${inlineMarkdown(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (/^( {4}|\t)/.test(line) || isVerbatim(line)) {
      const body = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i]) || isVerbatim(lines[i]) ||
             (isBlank(lines[i]) && i + 1 < lines.length && /^( {4}|\t)/.test(lines[i + 1])))) {
        body.push(lines[i].replace(/^( {4}|\t)/, ""));
        i++;
      }
      out.push(`<pre>${escapeHTML(body.join("\n"))}</pre>`);
      continue;
    }
    if (/^\s*\|/.test(line)) {
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      const cells = r => r.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map(c => c.trim());
      const body = rows.filter(r => !/^\s*\|[\s:|-]+\|\s*$/.test(r));
      const [head, ...rest] = body;
      out.push(`<table class="md"><tr>${cells(head).map(c => `<th>${inlineMarkdown(c)}</th>`).join("")}</tr>` +
        rest.map(r => `<tr>${cells(r).map(c => `<td>${inlineMarkdown(c)}</td>`).join("")}</tr>`).join("") + "</table>");
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items = [];
      while (i < lines.length && !isBlank(lines[i])) {
        if (/^\s*([-*]|\d+\.)\s+/.test(lines[i])) items.push(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ""));
        else items[items.length - 1] += " " + lines[i].trim();
        i++;
      }
      const tag = ordered ? "ol" : "ul";
      out.push(`<${tag}>${items.map(it => `<li>${inlineMarkdown(it)}</li>`).join("")}</${tag}>`);
      continue;
    }
    const para = [];
    while (i < lines.length && !isBlank(lines[i]) && !lines[i].trim().startsWith("```") && !/^#{1,6}\s/.test(lines[i]) &&
           !isVerbatim(lines[i]) && !/^( {4}|\t)/.test(lines[i])) para.push(lines[i++].trim());
    out.push(`<p>${inlineMarkdown(para.join(" "))}</p>`);
  }
  return out.join("\n");
}

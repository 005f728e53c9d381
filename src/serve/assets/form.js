// The web form of takehome serve: builds the summary from the fields, asks the server to check it on every
// change (debounced), shows each diagnostic next to its field (by its dotted path) and a PNG preview of the
// handout. No framework, nothing from another host; the server's Content-Security-Policy allows only this file.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const form = document.getElementById("summary");
const state = { schema: null, exercises: [], chosen: [], page: 1, pages: 0, seq: 0, timer: null, lastOk: false };

const $ = (id) => document.getElementById(id);

async function api(path, body) {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

// ---- the schema: allowed values, ranges and hints ------------------------------------------------------
function schemaNode(path) {
  let node = state.schema;
  for (const part of path.split(".")) {
    if (!node) return null;
    if (node.$ref) node = state.schema.$defs[node.$ref.split("/").pop()];
    if (node.type === "array") node = node.items;
    node = node && node.properties ? node.properties[part] : null;
  }
  return node;
}

function applySchema() {
  for (const el of form.querySelectorAll("[data-path]")) {
    const node = schemaNode(el.dataset.path);
    if (!node) continue;
    if (el.tagName === "SELECT" && node.enum) {
      el.append(new Option("(not given)", ""));
      for (const v of node.enum) el.append(new Option(v.replace(/_/g, " "), v));
    }
    if (node.minimum !== undefined) el.min = node.minimum;
    if (node.maximum !== undefined) el.max = node.maximum;
    if (node.description) {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.id = "hint-" + el.id;
      hint.textContent = node.description + (node.minimum !== undefined ? ` (${node.minimum} to ${node.maximum})` : "");
      el.closest(".field").append(hint);
      el.setAttribute("aria-describedby", hint.id);
    }
  }
}

// ---- the exercise picker ----------------------------------------------------------------------------------
const doseFields = [
  ["reps", "Reps"], ["sets", "Sets"], ["hold_seconds", "Hold (seconds)"],
  ["times_per_day", "Times a day"], ["days_per_week", "Days a week"],
];

function buildPicker() {
  const picker = $("picker");
  for (const ex of state.exercises) {
    const card = document.createElement("div");
    card.className = "card";
    card.id = "card-" + ex.id;
    if (ex.picture) {
      const img = document.createElement("img");
      img.src = ex.picture;
      img.alt = "";  // the name next to it says what it is
      card.append(img);
    }
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "pick-" + ex.id;
    box.value = ex.id;
    box.addEventListener("change", () => {
      if (box.checked) addExercise(ex.id, {}); else removeExercise(ex.id);
      changed();
    });
    label.append(box, document.createTextNode(ex.name));
    card.append(label);
    const purpose = document.createElement("p");
    purpose.className = "hint";
    purpose.textContent = ex.purpose;
    card.append(purpose);
    picker.append(card);
  }
}

function addExercise(id, dose) {
  if (state.chosen.some((c) => c.id === id)) return;
  state.chosen.push({ id, dose });
  const box = $("pick-" + id);
  if (box) { box.checked = true; $("card-" + id).classList.add("chosen"); }
  renderChosen();
}

function removeExercise(id) {
  readChosen();
  state.chosen = state.chosen.filter((c) => c.id !== id);
  const box = $("pick-" + id);
  if (box) { box.checked = false; $("card-" + id).classList.remove("chosen"); }
  renderChosen();
}

function readChosen() {
  state.chosen.forEach((c, i) => {
    const base = `plan.exercises[${i + 1}].`;
    for (const [key] of doseFields.concat([["notes"]])) {
      const el = document.getElementById(base + key);
      if (el) c.dose[key] = el.value;
    }
  });
}

function renderChosen() {
  const list = $("chosen");
  list.replaceChildren();
  state.chosen.forEach((c, i) => {
    const ex = state.exercises.find((e) => e.id === c.id) || { name: c.id, dose: {} };
    const li = document.createElement("li");
    const base = `plan.exercises[${i + 1}]`;
    li.dataset.diagFor = base;
    const title = document.createElement("strong");
    title.textContent = ex.name;  // the list numbers it
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove " + ex.name);
    remove.addEventListener("click", () => { removeExercise(c.id); changed(); });
    const dose = document.createElement("div");
    dose.className = "dose";
    for (const [key, words] of doseFields.concat([["notes", "Notes"]])) {
      const field = document.createElement("div");
      field.className = "field" + (key === "notes" ? " notes" : "");
      const input = document.createElement("input");
      input.id = `${base}.${key}`;
      input.dataset.path = `${base}.${key}`;
      if (key !== "notes") { input.type = "number"; input.dataset.type = "int"; }
      input.value = c.dose[key] ?? "";
      if (key !== "notes" && ex.dose && ex.dose[key] !== undefined) input.placeholder = String(ex.dose[key]);
      const label = document.createElement("label");
      label.htmlFor = input.id;
      const which = document.createElement("span");
      which.className = "visually-hidden";  // heard, not seen: the exercise's name is just above
      which.textContent = ` (${ex.name})`;
      label.append(document.createTextNode(words), which);
      input.addEventListener("input", changed);
      field.append(label, input);
      dose.append(field);
    }
    li.append(title, document.createTextNode(" "), remove, dose);
    list.append(li);
  });
}

// ---- the summary from the fields, and back ---------------------------------------------------------------
function setPath(obj, path, value) {
  const parts = path.split(".");
  let o = obj;
  for (const p of parts.slice(0, -1)) o = o[p] ??= {};
  o[parts.at(-1)] = value;
}

function number(text) {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;  // anything else goes as typed, and the check says what is wrong
}

function fieldValue(el) {
  const type = el.dataset.type;
  if (type === "bool") return el.checked;
  const v = el.value;
  if (v.trim() === "") return undefined;
  if (type === "int") return number(v);
  if (type === "lines") return v.split("\n").map((s) => s.trim()).filter((s) => s);
  if (type === "history") {
    return v.split("\n").map((s) => s.trim()).filter((s) => s).map((line) => {
      const m = line.match(/^(\S+)\s+(.*)$/);
      return m ? { date: m[1], score: number(m[2]) } : { date: line };
    });
  }
  if (type === "psfs") {
    return v.split("\n").map((s) => s.trim()).filter((s) => s).map((line) => {
      const at = line.lastIndexOf(",");
      return at < 0 ? { activity: line } : { activity: line.slice(0, at).trim(), score: number(line.slice(at + 1)) };
    });
  }
  return v;
}

function collect() {
  readChosen();
  const s = { schema: "takehome/assessment-summary/v1" };
  for (const el of form.querySelectorAll("[data-path]")) {
    if (el.dataset.path.startsWith("plan.exercises[")) continue;
    const v = fieldValue(el);
    if (v === undefined || (el.dataset.type === "bool" && v === false && el.dataset.path === "patient.large_print")) continue;
    setPath(s, el.dataset.path, v);
  }
  if (state.chosen.length) {
    s.plan ??= {};
    s.plan.exercises = state.chosen.map((c) => {
      const e = { id: c.id };
      for (const [key] of doseFields) if (c.dose[key] !== undefined && String(c.dose[key]).trim() !== "") e[key] = number(String(c.dose[key]));
      if (c.dose.notes && c.dose.notes.trim()) e.notes = c.dose.notes.trim();
      return e;
    });
  }
  return s;
}

function fill(s) {
  const get = (path) => path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), s);
  for (const el of form.querySelectorAll("[data-path]")) {
    if (el.dataset.path.startsWith("plan.exercises[")) continue;
    const v = get(el.dataset.path);
    const type = el.dataset.type;
    if (type === "bool") { el.checked = v === true; continue; }
    if (v == null) { el.value = ""; continue; }
    if (type === "lines") el.value = [].concat(v).join("\n");
    else if (type === "history") el.value = [].concat(v).map((h) => `${h.date ?? ""} ${h.score ?? ""}`.trim()).join("\n");
    else if (type === "psfs") el.value = [].concat(v).map((p) => `${p.activity ?? ""}, ${p.score ?? ""}`).join("\n");
    else el.value = String(v);
  }
  for (const c of [...state.chosen]) removeExercise(c.id);
  for (const e of (s.plan && s.plan.exercises) || []) {
    const { id, ...dose } = e;
    if (typeof id === "string") addExercise(id, dose);
  }
}

// ---- YAML out (the server reads it back: /api/parse for "open") -----------------------------------------
function yamlScalar(v) {
  if (typeof v !== "string") return String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (/^[A-Za-z][A-Za-z0-9 ,.'()\/-]*$/.test(v) && !/^(true|false|yes|no|on|off|null)$/i.test(v) && !/[ ]$/.test(v)) return v;
  return JSON.stringify(v);
}

function yamlLines(v, indent) {
  const pad = " ".repeat(indent);
  const lines = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === "object") {
        const sub = yamlLines(item, indent + 2);
        sub[0] = pad + "- " + sub[0].trimStart();
        lines.push(...sub);
      } else lines.push(pad + "- " + yamlScalar(item));
    }
  } else {
    for (const [k, val] of Object.entries(v)) {
      if (val !== null && typeof val === "object") {
        lines.push(pad + k + ":");
        lines.push(...yamlLines(val, indent + 2));
      } else lines.push(pad + k + ": " + yamlScalar(val));
    }
  }
  return lines;
}

function toYaml(s) {
  return "# Assessment summary saved by the takehome web form (the clinic is chosen when rendering).\n" +
    yamlLines(s, 0).join("\n") + "\n";
}

// ---- diagnostics next to their fields ---------------------------------------------------------------------
function clearDiagnostics() {
  for (const d of form.querySelectorAll(".diag")) d.remove();
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && !x.startsWith("diag-"));
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
  }
}

// The field a dotted path names, or the nearest one above it ("assessment.findings[2]" -> the findings box).
function fieldFor(path) {
  let p = path;
  while (p) {
    const el = document.getElementById(p);
    if (el && el.dataset.path) return el;
    const holder = form.querySelector(`[data-diag-for="${CSS.escape(p)}"]`);
    if (holder) return holder;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    p = cut > 0 ? p.slice(0, cut) : "";
  }
  return null;
}

let diagCount = 0;
function showDiagnostics(list) {
  clearDiagnostics();
  const general = $("general-diags");
  general.replaceChildren();
  for (const d of list) {
    const p = document.createElement("p");
    p.className = "diag " + d.severity;
    p.id = "diag-" + ++diagCount;
    const target = d.field ? fieldFor(d.field) : null;
    // The form's own words for the field: "'assessment.pain.now' must be ..." -> "Pain now (NPRS) must be ...".
    const label = target && target.dataset.path && target.labels && target.labels[0] ? target.labels[0].textContent.trim() : "";
    const message = label && d.field === target.dataset.path ? d.message.replace(`'${d.field}'`, label) : d.message;
    p.textContent = (d.severity === "error" ? "Please fix: " : "Note: ") + message +
      (d.hints && d.hints.length ? " (" + d.hints.join("; ") + ")" : "");
    if (!target) { general.append(p); continue; }
    if (target.dataset.path) {
      target.closest(".field").append(p);
      target.setAttribute("aria-invalid", d.severity === "error" ? "true" : "false");
      target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + p.id).trim());
    } else target.append(p);
  }
}

// ---- check and preview -----------------------------------------------------------------------------------
function clinicQuery() {
  const c = $("clinic").value;
  return c ? "clinic=" + encodeURIComponent(c) : "";
}

async function refresh() {
  const seq = ++state.seq;
  try {
    await check(seq);
  } finally {
    if (seq === state.seq) delete document.body.dataset.pending;
  }
}

async function check(seq) {
  const body = collect();
  const status = $("preview-status");
  try {
    const res = await api("/api/check?" + clinicQuery(), body);
    const json = await res.json();
    if (seq !== state.seq) return;  // a newer change is on its way
    if (!res.ok) { status.textContent = json.error || "The check failed."; return; }
    showDiagnostics(json.diagnostics);
    state.lastOk = json.ok;
    if (!json.ok) {
      status.textContent = `${json.errors} problem${json.errors === 1 ? "" : "s"} to fix before the handout can be made.`;
      return;
    }
    state.pages = json.pages;
    state.page = Math.min(state.page, state.pages);
    await showPage(seq);
  } catch (e) {
    status.textContent = "The service did not answer: " + e.message;
  }
}

async function showPage(seq) {
  const res = await api(`/api/preview?page=${state.page}&${clinicQuery()}`, collect());
  if (seq !== undefined && seq !== state.seq) return;
  if (!res.ok) { $("preview-status").textContent = "The preview could not be made."; return; }
  const img = $("preview-img");
  const old = img.src;
  img.src = URL.createObjectURL(await res.blob());
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  img.alt = `Page ${state.page} of ${state.pages} of the handout`;
  img.hidden = false;
  $("page-label").textContent = `Page ${state.page} of ${state.pages}`;
  $("preview-status").textContent = `Handout ready: ${state.pages} page${state.pages === 1 ? "" : "s"}.`;
  $("prev-page").disabled = state.page <= 1;
  $("next-page").disabled = state.page >= state.pages;
}

function changed() {
  document.body.dataset.pending = "true";  // until the check and preview of this change are shown
  clearTimeout(state.timer);
  state.timer = setTimeout(refresh, 400);
}

// ---- buttons ----------------------------------------------------------------------------------------------
function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

async function downloadPdf(copy) {
  const status = $("action-status");
  status.textContent = "Making the PDF...";
  const res = await api(`/api/render?copy=${copy}&${clinicQuery()}`, collect());
  if (res.ok) {
    download(await res.blob(), copy === "archive" ? "handout-archive.pdf" : "handout.pdf");
    status.textContent = "The PDF has been downloaded.";
  } else {
    const json = await res.json();
    if (json.diagnostics) showDiagnostics(json.diagnostics);
    status.textContent = json.error || "Fix the problems shown next to the fields first.";
  }
}

/// The answer's message and hints as one sentence for the status line.
function problem(json, fallback) {
  if (json.diagnostics) { showDiagnostics(json.diagnostics); return fallback; }
  return (json.error || fallback) + (json.hints && json.hints.length ? " (" + json.hints.join("; ") + ")" : "");
}

async function answer(res) {
  try { return await res.json(); } catch (e) { return {}; }
}

async function printHandout() {
  const status = $("action-status");
  const button = $("print");
  const printer = $("printer").value.trim();
  button.disabled = true;
  status.textContent = "Sending the handout to the printer...";
  try {
    const q = (printer ? "printer=" + encodeURIComponent(printer) + "&" : "") + clinicQuery();
    const res = await api("/api/print?" + q, collect());
    const json = await answer(res);
    if (res.ok) {
      status.textContent = `The handout (${json.pages} page${json.pages === 1 ? "" : "s"}, both sides) is printing on ${json.printer} (job ${json.job_id}).`;
    } else {
      status.textContent = "Not printed: " + problem(json, "fix the problems shown next to the fields first.");
    }
  } catch (e) {
    status.textContent = "Not printed: the service did not answer (" + e.message + ").";
  } finally {
    button.disabled = false;
  }
}

let slipUrl = null;
function hideSendResult() {
  $("send-result").hidden = true;
  $("passphrase").textContent = "";
  if (slipUrl) { URL.revokeObjectURL(slipUrl); slipUrl = null; }
  $("slip-link").href = "#";
}

async function sendEmail() {
  const status = $("action-status");
  const button = $("send-email");
  hideSendResult();
  button.disabled = true;
  status.textContent = "Sending the e-mail...";
  try {
    const res = await api("/api/send?" + clinicQuery(), collect());
    const json = await answer(res);
    if (!res.ok) {
      status.textContent = "Not sent: " + problem(json, "fix the problems shown next to the fields first.");
      return;
    }
    const bytes = Uint8Array.from(atob(json.slip_pdf_base64), (c) => c.charCodeAt(0));
    slipUrl = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
    const link = $("slip-link");
    link.href = slipUrl;
    link.download = json.slip_file_name || "password-slip.pdf";
    $("passphrase").textContent = json.passphrase;
    const box = $("send-result");
    box.hidden = false;
    status.textContent = "The e-mail has been sent. The passphrase is shown below.";
    box.focus();
  } catch (e) {
    status.textContent = "Not sent: the service did not answer (" + e.message + ").";
  } finally {
    button.disabled = false;
  }
}

async function openYaml(file) {
  const status = $("action-status");
  const text = await file.text();
  const res = await fetch("/api/parse", {
    method: "POST", headers: { "Content-Type": "application/yaml", "X-CSRF-Token": csrf }, body: text,
  });
  const json = await res.json();
  if (!res.ok) {
    showDiagnostics(json.diagnostics || []);
    status.textContent = json.error || "That file could not be read as YAML.";
    return;
  }
  fill(json);
  status.textContent = `Opened ${file.name}.`;
  changed();
}

async function start() {
  const [schema, exercises, clinics] = await Promise.all(
    ["/api/schema", "/api/exercises", "/api/clinics"].map((u) => fetch(u).then((r) => r.json())));
  state.schema = schema;
  state.exercises = exercises;
  applySchema();
  buildPicker();
  const sel = $("clinic");
  for (const c of clinics) sel.append(new Option(c.name, String(c.id)));
  if (!clinics.length) {
    sel.append(new Option("(none: start takehome serve with --clinic FILE)", ""));
  }
  // The printer is not part of the summary: typing it changes nothing in the handout.
  form.addEventListener("input", (e) => { if (e.target.id !== "open-yaml" && e.target.id !== "printer") changed(); });
  form.addEventListener("change", (e) => { if (e.target.tagName === "SELECT" || e.target.type === "checkbox") changed(); });
  $("download-pdf").addEventListener("click", () => downloadPdf("patient"));
  $("download-archive").addEventListener("click", () => downloadPdf("archive"));
  $("save-yaml").addEventListener("click", () => {
    download(new Blob([toYaml(collect())], { type: "application/yaml" }), "summary.yaml");
    $("action-status").textContent = "The summary has been saved as summary.yaml.";
  });
  $("print").addEventListener("click", printHandout);
  $("send-email").addEventListener("click", sendEmail);
  $("send-result-close").addEventListener("click", () => { hideSendResult(); $("send-email").focus(); });
  $("open-yaml").addEventListener("change", (e) => { if (e.target.files[0]) openYaml(e.target.files[0]); e.target.value = ""; });
  $("prev-page").addEventListener("click", () => { if (state.page > 1) { state.page--; showPage(); } });
  $("next-page").addEventListener("click", () => { if (state.page < state.pages) { state.page++; showPage(); } });
  document.body.dataset.ready = "true";
}

start();

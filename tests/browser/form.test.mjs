// The web form in a real browser: Debian's chromium, headless, driven by puppeteer-core (no browser download),
// against `takehome serve` started here on a free loopback port. Fills in Daniel's case from scratch, sees the
// error for pain 11 next to its field and fixes it, picks five exercises, sees the preview, downloads the PDF
// (pdftotext), saves the YAML and renders it with the CLI to the same text, opens it again; sends it by e-mail
// to the aiosmtpd server of tests/deliver and sees the passphrase and its slip; presses Print with no CUPS
// reachable and sees why; then the accessibility checks (every control labelled, the keyboard reaches every
// control, axe-core). Screenshots of every step go to $ARTIFACTS. Every wait is bounded.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const binary = process.env.TAKEHOME_BINARY;
const dataDir = process.env.TAKEHOME_DATA_DIR;
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = process.env.ARTIFACTS || path.join(process.cwd(), "browser-artifacts");
if (!binary || !dataDir) throw new Error("set TAKEHOME_BINARY and TAKEHOME_DATA_DIR (CTest does)");
if (!fs.existsSync(chromium)) throw new Error(`no browser at ${chromium}: run scripts/setup.sh (Debian chromium)`);
fs.rmSync(artifacts, { recursive: true, force: true });
const downloads = path.join(artifacts, "downloads");
fs.mkdirSync(downloads, { recursive: true });
// The SMTP test server of tests/deliver (aiosmtpd) on a free loopback port, for "Send by e-mail"; the example
// clinic with an smtp block pointing at it (the handout is the same: smtp is not printed).
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "takehome-browser-mail-"));
fs.mkdirSync(path.join(mailDir, "store"));
const mail = spawn("/usr/bin/python3", [path.join(here, "..", "deliver", "smtp_server.py"), "--port-file",
  path.join(mailDir, "port"), "--store", path.join(mailDir, "store")], { stdio: "ignore" });
const mailPort = await (async () => {
  const until = Date.now() + 20000;
  while (Date.now() < until) {
    const f = path.join(mailDir, "port");
    if (fs.existsSync(f) && fs.readFileSync(f, "utf8").trim()) return Number(fs.readFileSync(f, "utf8"));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the SMTP test server did not start within 20 s");
})();
const clinic = path.join(mailDir, "riverside-clinic.yaml");
fs.writeFileSync(clinic, fs.readFileSync(path.join(dataDir, "examples", "riverside-clinic.yaml"), "utf8") +
  `smtp:\n  host: 127.0.0.1\n  port: ${mailPort}\n  security: none\n  from: Riverside Physiotherapy <hello@riverside-physio.example>\n`);

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

// ---- the server -------------------------------------------------------------------------------------------
// CUPS_SERVER names a loopback port nothing listens on (9, discard): Print must say the print service is not there.
const server = spawn(binary, ["serve", "--port", "0", "--clinic", clinic], {
  stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CUPS_SERVER: "127.0.0.1:9" } });
let serverLog = "";
server.stderr.on("data", (d) => { serverLog += d; });
const address = await new Promise((resolve, reject) => {
  let out = "";
  const timer = setTimeout(() => reject(new Error("takehome serve printed no address within 20 s")), 20000);
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on("exit", (code) => reject(new Error(`takehome serve exited (${code}): ${serverLog}`)));
});
console.log(`server at ${address}`);

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--window-size=1400,1000"],
  defaultViewport: { width: 1400, height: 1000 },
  timeout: 30000,
});
const overall = setTimeout(() => { console.log("FAIL the browser test ran over 240 s"); process.exit(1); }, 240000);

let passphrase = "";
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  const cdp = await page.createCDPSession();
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  let shot = 0;
  const screenshot = async (name) => {
    const file = path.join(artifacts, `${String(++shot).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`     screenshot ${file}`);
  };
  const sel = (id) => `[id="${id}"]`;
  const type = async (id, text) => {
    await page.click(sel(id), { clickCount: 3 });
    await page.keyboard.press("Backspace");
    await page.type(sel(id), text);
  };
  const setValue = (id, value) => page.$eval(sel(id), (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
  const diagOf = (id) => page.$eval(sel(id), (el) => [...el.closest(".field").querySelectorAll(".diag")].map((d) => d.textContent).join(" | "));
  const waitReady = () => page.waitForFunction(
    () => !document.body.dataset.pending && /Handout ready/.test(document.getElementById("preview-status").textContent) &&
      !document.getElementById("preview-img").hidden && document.getElementById("preview-img").naturalWidth > 0,
    { timeout: 30000 });
  const waitFile = async (name) => {
    const file = path.join(downloads, name);
    const until = Date.now() + 20000;
    while (Date.now() < until) {
      if (fs.existsSync(file) && fs.statSync(file).size > 0 && !fs.existsSync(file + ".crdownload")) return file;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no download ${name} within 20 s`);
  };

  await page.goto(address, { waitUntil: "networkidle0" });
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector(sel("pick-knee-rocks"));
  await screenshot("empty-form");

  // ---- Daniel's case from scratch ----
  await type("patient.name", "Daniel Okafor");
  await type("patient.preferred_name", "Dan");
  await setValue("patient.date_of_birth", "1984-03-02");
  await type("clinician.name", "Priya Raman");
  await type("clinician.registration", "PH0123456");
  await setValue("appointment.date", "2026-11-27");
  await type("appointment.number", "1");
  await type("assessment.complaint", "Low back pain after lifting a box from the floor at work");
  await setValue("assessment.onset", "2026-11-17");
  await page.select(sel("assessment.pattern"), "acute");
  await page.select(sel("assessment.irritability"), "moderate");
  await page.select(sel("assessment.leg_symptoms"), "none");
  await type("assessment.pain.best", "2");
  await type("assessment.pain.worst", "8");
  await type("assessment.aggravating", "Sitting for more than 20 minutes\nBending forward\nLifting");
  await type("assessment.easing", "Walking\nA hot shower");
  await type("assessment.findings", "Bending forward is stiff and brings on your usual pain\nYour nerves, strength and reflexes all tested normal");
  await type("assessment.outcome_measures.odi", "36");
  await type("assessment.outcome_measures.psfs", "Lifting a 10 kg box, 3\nDriving for 45 minutes, 4");
  await type("assessment.impression", "A common, non-serious strain of the lower back.");
  await type("goals", "Back to full duties at work within 3 weeks");
  await page.click(sel("assessment.red_flags_screened"));
  await setValue("plan.next_appointment", "2026-12-04");

  // ---- pain 11: the error appears next to that field ----
  await type("assessment.pain.now", "11");
  await page.waitForFunction((id) => {
    const el = document.getElementById(id);
    return el.getAttribute("aria-invalid") === "true" && el.closest(".field").querySelector(".diag.error");
  }, { timeout: 20000 }, "assessment.pain.now");
  const painError = await diagOf("assessment.pain.now");
  check(painError === "Please fix: Pain now (NPRS) must be an integer 0..10, got '11'", `the pain 11 error is next to its field: "${painError}"`);
  check(await page.$eval(sel("assessment.pain.now"), (el) => (el.getAttribute("aria-describedby") || "").includes("diag-")),
    "the error is tied to the field (aria-describedby)");
  await page.$eval(sel("assessment.pain.now"), (el) => el.scrollIntoView({ block: "center" }));
  await screenshot("pain-11-error");

  // ---- corrected ----
  await type("assessment.pain.now", "5");
  await page.waitForFunction((id) => !document.getElementById(id).closest(".field").querySelector(".diag.error"),
    { timeout: 20000 }, "assessment.pain.now");
  check((await diagOf("assessment.pain.now")) === "", "the error is gone once pain is 5");

  // ---- five exercises from the picker, with doses ----
  const five = ["knee-rocks", "cat-camel", "bridge", "sit-to-stand", "walking"];
  for (const id of five) await page.click(sel("pick-" + id));
  await type("plan.exercises[1].reps", "10");
  await type("plan.exercises[1].times_per_day", "3");
  await type("plan.exercises[1].notes", "Each way, slowly, within comfort");
  await type("plan.exercises[3].sets", "3");
  await type("plan.exercises[3].reps", "10");
  await type("plan.exercises[3].hold_seconds", "3");
  await type("plan.exercises[5].notes", "10 minutes at an easy pace");
  check((await page.$$eval("#chosen li", (l) => l.length)) === 5, "five exercises are chosen");
  await page.$eval("#exercises", (el) => el.scrollIntoView({ block: "start" }));
  await waitReady();
  await screenshot("five-exercises-and-preview");
  const pages = await page.$eval("#page-label", (el) => el.textContent);
  check(/^Page 1 of [1-9][0-9]*$/.test(pages), `the preview shows page 1 of the handout (${pages})`);
  const img = await page.$eval("#preview-img", (el) => ({ w: el.naturalWidth, h: el.naturalHeight, alt: el.alt }));
  check(img.w === 595 && img.h === 842, `page 1 preview is an A4 page at 72 dpi (${img.w} x ${img.h})`);

  // ---- download the PDF ----
  await page.click("#download-pdf");
  const pdf = await waitFile("handout.pdf");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  const page1 = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"]).toString();
  check(/Dan\b/.test(page1), "page 1 of the PDF names the patient");
  const pdfPages = execFileSync("pdfinfo", [pdf]).toString().match(/Pages:\s+(\d+)/)[1];
  check(pages === `Page 1 of ${pdfPages}`, `the preview counts the PDF's pages (${pages}, the PDF ${pdfPages})`);
  for (const words of ["Knee rocks", "Cat-camel", "Bridge", "Sit to stand", "Walking", "Riverside Physiotherapy"]) {
    check(text.toLowerCase().includes(words.toLowerCase()), `the PDF has "${words}"`);
  }

  // ---- save the YAML, render it with the CLI to the same text ----
  await page.click("#save-yaml");
  const yaml = await waitFile("summary.yaml");
  const cliPdf = path.join(artifacts, "cli.pdf");
  execFileSync(binary, ["render", yaml, "--clinic", clinic, "-o", cliPdf], { env: { ...process.env, TAKEHOME_DATA_DIR: dataDir } });
  const cliText = execFileSync("pdftotext", ["-layout", cliPdf, "-"]).toString();
  check(cliText === text, "the saved YAML rendered by the CLI gives the same text as the form's PDF");

  // ---- reload, open the saved YAML ----
  await page.reload({ waitUntil: "networkidle0" });
  await page.waitForSelector('body[data-ready="true"]');
  check((await page.$eval(sel("patient.name"), (el) => el.value)) === "", "the reloaded form is empty");
  const input = await page.$("#open-yaml");
  await input.uploadFile(yaml);
  await page.waitForFunction(() => document.getElementById("patient.name").value === "Daniel Okafor", { timeout: 20000 });
  check((await page.$$eval("#chosen li", (l) => l.length)) === 5, "the opened YAML brings back the five exercises");
  check((await page.$eval(sel("plan.exercises[3].hold_seconds"), (el) => el.value)) === "3", "and their doses");
  check((await page.$eval(sel("assessment.pain.now"), (el) => el.value)) === "5", "and the pain score");
  await waitReady();
  await screenshot("opened-yaml");

  // ---- send by e-mail: the passphrase is shown once, with the password slip to download ----
  await type("patient.email", "dan@example.com");
  await waitReady();
  await page.click("#send-email");
  await page.waitForFunction(() => !document.getElementById("send-result").hidden, { timeout: 60000 });
  passphrase = await page.$eval("#passphrase", (el) => el.textContent);
  check(/^[a-z]+(-[a-z]+){4,9}$/.test(passphrase), `the passphrase is shown after sending (${passphrase.split("-").length} words)`);
  check((await page.$eval("#action-status", (el) => el.textContent)).startsWith("The e-mail has been sent."),
    "the status line (aria-live) says the e-mail was sent");
  check(await page.evaluate(() => document.activeElement.id === "send-result"), "focus moves to the passphrase");
  const stored = fs.readdirSync(path.join(mailDir, "store")).filter((f) => f.endsWith(".eml"));
  check(stored.length === 1, `the SMTP server received one message (${stored.join(", ")})`);
  await page.$eval("#send-result", (el) => el.scrollIntoView({ block: "center" }));
  await screenshot("sent-passphrase-shown");
  await page.click("#slip-link");
  const slip = await waitFile("password-slip-2026-11-27.pdf");
  const slipText = execFileSync("pdftotext", [slip, "-"]).toString();
  check(passphrase.split("-").every((w) => slipText.includes(w)), "the downloaded password slip has the passphrase's words");
  await page.click("#send-result-close");
  check(await page.$eval("#send-result", (el) => el.hidden && document.getElementById("passphrase").textContent === ""),
    "Done hides the passphrase");
  check(consoleErrors.length === 0, `no errors in the browser console (${consoleErrors.join("; ")})`);

  // ---- print, with no print service reachable: the reason is shown (after the console check: the 503 is logged) ----
  await type("printer", "office");
  await page.click("#print");
  await page.waitForFunction(() => /^Not printed: /.test(document.getElementById("action-status").textContent), { timeout: 30000 });
  const printStatus = await page.$eval("#action-status", (el) => el.textContent);
  check(printStatus.startsWith("Not printed: cannot reach the print service (CUPS) at 127.0.0.1:9 (check that CUPS is running"),
    `Print without CUPS says so: "${printStatus}"`);
  await page.$eval("#print", (el) => el.scrollIntoView({ block: "center" }));
  await screenshot("print-without-cups");

  // ---- accessibility: labels, keyboard, axe-core ----
  const unlabelled = await page.$$eval("input, select, textarea, button", (els) => els
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !(el.tagName === "BUTTON" && el.textContent.trim()))
    .map((el) => el.id || el.outerHTML.slice(0, 60)));
  check(unlabelled.length === 0, `every control has a label (${unlabelled.join(", ")})`);

  // Tab through the whole page: every enabled control must receive focus.
  const controls = await page.$$eval("input, select, textarea, button", (els) => els.filter((el) => !el.disabled && !el.closest("[hidden]")).map((el) => el.id || el.textContent.trim()));
  await page.focus("body");
  const reached = new Set();
  for (let i = 0; i < controls.length + 20; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim()));
  }
  const missed = controls.filter((c) => !reached.has(c));
  check(missed.length === 0, `the Tab key reaches all ${controls.length} controls (missed: ${missed.join(", ")})`);

  // Keyboard alone: type a name, tick an exercise with Space, set its dose.
  await page.focus(sel("patient.preferred_name"));
  await page.keyboard.down("Control"); await page.keyboard.press("a"); await page.keyboard.up("Control");
  await page.keyboard.type("Danny");
  await page.focus(sel("pick-pelvic-tilt"));
  const extra = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelectorAll("#chosen li").length === 6, { timeout: 5000 });
  await page.keyboard.press("Tab");  // on to the next control; the new dose fields are in the list
  await page.focus(sel("plan.exercises[6].reps"));
  await page.keyboard.type("8");
  check((await page.$eval(sel("plan.exercises[6].reps"), (el) => el.value)) === "8", `keyboard only: ticked ${extra} with Space and typed its reps`);
  await waitReady();
  await page.$eval("#chosen", (el) => el.scrollIntoView({ block: "end" }));
  await screenshot("keyboard-sixth-exercise");

  const axePage = await browser.newPage();
  await axePage.setBypassCSP(true);  // only to inject axe-core; the form itself runs under the strict CSP
  await axePage.goto(address, { waitUntil: "networkidle0" });
  await axePage.waitForSelector('body[data-ready="true"]');
  await axePage.addScriptTag({ path: path.join(here, "node_modules", "axe-core", "axe.min.js") });
  const axe = await axePage.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  for (const v of axe) console.log(`     axe: ${v.impact} ${v.id} (${v.nodes}): ${v.help}`);
  const severe = axe.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(severe.length === 0, `axe-core: no serious or critical violation (${axe.length} in all)`);
} catch (e) {
  console.log(`FAIL ${e.stack || e}`);
  failures++;
} finally {
  clearTimeout(overall);
  await browser.close();
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  // The access log: method, path, status, time and bytes; nothing of Daniel.
  check(!/Daniel|Okafor|Priya|dan@example/.test(serverLog), "the server's log has nothing of the patient");
  const odd = serverLog.split("\n").filter((l) => l &&
    !/^(GET|HEAD|POST) \/[A-Za-z0-9\/_.-]* \d{3} \d+\.\dms \d+$/.test(l) && l !== "takehome serve: stopped");
  check(odd.length === 0 && !(passphrase && serverLog.includes(passphrase)),
    `every log line is method, path, status, time, bytes: no passphrase (${odd.join(" | ")})`);
  mail.kill("SIGTERM");
  fs.rmSync(mailDir, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);

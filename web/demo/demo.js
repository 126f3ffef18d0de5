// The demo agency's own script: it listens to the widgets' kyso-report
// events and calls Kyso's JavaScript API for a file chosen on its own form.
import { preload, verify } from "../widget/kyso.js";

// Load the verifier with the page, so that checking a file fetches nothing.
const apiReady = preload().then(() => {
  document.documentElement.dataset.apiReady = "true";
});

const log = document.getElementById("event-log");
document.addEventListener("kyso-report", (ev) => {
  const li = document.createElement("li");
  li.textContent = `${ev.detail.name}: ${ev.detail.report.verdict.indication}`;
  li.dataset.indication = ev.detail.report.verdict.indication;
  log.append(li);
});

const out = document.getElementById("api-result");
document.getElementById("api-input").addEventListener("change", async (ev) => {
  const file = ev.target.files?.[0];
  if (!file) return;
  out.textContent = "Đang kiểm tra…";
  delete out.dataset.indication;
  try {
    await apiReady;
    const report = await verify(file, { lang: "vi" });
    out.dataset.indication = report.verdict.indication;
    out.dataset.sha256 = report.file.sha256;
    window.kysoDemoReport = report; // for the e2e test's diagnostics
    out.textContent = `${file.name}: ${report.verdict.summary_vi}`;
  } catch (e) {
    out.dataset.indication = "ERROR";
    out.textContent = `Lỗi: ${e.message}`;
  }
  ev.target.value = "";
});

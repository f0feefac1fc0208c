// The documents view: the guidelines loaded here with their status and current edition, and the upload form.
import { api } from "./api.js";
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
let polling = null;

export async function loadDocuments() {
  clearTimeout(polling);
  let page;
  try {
    page = await api.documents("limit=200");
    $("documents-error").hidden = true;
  } catch (error) {
    $("documents-error").textContent = error.message;
    $("documents-error").hidden = false;
    return;
  }
  const rows = page.items.map(row);
  document.querySelector("#documents tbody").replaceChildren(...rows);
  $("documents-empty").hidden = rows.length > 0;
  // While something is being indexed, look again shortly.
  if (page.items.some((d) => ["pending", "queued", "processing"].includes(d.status)) && !$("documents-view").hidden) {
    polling = setTimeout(loadDocuments, 1500);
  }
}

function row(document_) {
  const tr = document.createElement("tr");
  tr.dataset.documentId = document_.documentId;
  tr.dataset.status = document_.status;
  const cell = (text) => {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  };
  const status = cell(t(`status_${document_.status}`));
  status.className = `status status-${document_.status}`;
  if (document_.status === "failed" && document_.reason) {
    const reason = document.createElement("div");
    reason.className = "reason";
    reason.textContent = document_.reason;
    status.append(reason);
  }
  tr.append(cell(document_.title), cell(document_.publisher), cell(document_.edition), cell(document_.language), status,
    cell(document_.current ? t("yes") : t("no")));
  return tr;
}

export function initDocuments() {
  $("documents-refresh").addEventListener("click", loadDocuments);
  const form = $("upload-form");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    for (const [name, value] of [...data.entries()]) {
      if (typeof value === "string" && !value.trim()) data.delete(name); // an empty field means "read it from the PDF"
    }
    const progress = $("upload-progress");
    const status = $("upload-status");
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t("uploading");
    status.className = "";
    $("upload-button").disabled = true;
    try {
      await api.upload(data, (fraction) => (progress.value = fraction));
      progress.value = 1;
      status.textContent = t("uploaded");
      status.className = "ok";
      form.reset();
      await loadDocuments();
    } catch (error) {
      status.textContent = error.status === 403 ? t("uploadNoScope") : `${t("uploadFailed")} ${error.message}`;
      status.className = "error";
    } finally {
      progress.hidden = true;
      $("upload-button").disabled = false;
    }
  });
}

// The cited page beside the answer: the quoted passage above the browser's own PDF viewer opened at the page.
import { api } from "./api.js";
import { t } from "./i18n.js";

const viewer = () => document.getElementById("viewer");

/** Shows a source ({documentId, title, publisher, edition, page, pageLabel, section, quote|text}). */
export async function openSource(source, opener) {
  const panel = viewer();
  panel.hidden = false;
  panel.dataset.documentId = source.documentId;
  panel.dataset.page = String(source.page);
  document.getElementById("viewer-source").textContent = describe(source);
  document.getElementById("viewer-quote").textContent = source.quote ?? source.text ?? "";
  const frameHolder = document.getElementById("viewer-frame");
  frameHolder.replaceChildren();
  panel.returnFocusTo = opener ?? null;
  panel.focus();
  try {
    const url = await api.pdfUrl(source.documentId);
    // A new frame each time: changing only the fragment of a loaded PDF does not move its viewer.
    const frame = document.createElement("iframe");
    frame.title = `${source.title}, ${t("pdfPage")} ${source.page}`;
    frame.src = `${url}#page=${source.page}`;
    frameHolder.replaceChildren(frame);
  } catch (error) {
    const message = document.createElement("p");
    message.className = "error";
    message.textContent = error.message;
    frameHolder.replaceChildren(message);
  }
}

export function closeViewer() {
  const panel = viewer();
  if (panel.hidden) return;
  panel.hidden = true;
  document.getElementById("viewer-frame").replaceChildren();
  panel.returnFocusTo?.focus();
}

/** "Title · Publisher, edition 2013 · page 45 (PDF page 71) · Section". */
export function describe(source) {
  const page = source.pageLabel && source.pageLabel !== String(source.page)
    ? `${t("page")} ${source.pageLabel} (${t("pdfPage")} ${source.page})`
    : `${t("pdfPage")} ${source.page}`;
  return [source.title, `${source.publisher}, ${t("edition")} ${source.edition}`, page, source.section].filter(Boolean).join(" · ");
}

export function initViewer() {
  document.getElementById("viewer-close").addEventListener("click", closeViewer);
  document.addEventListener("keydown", (e) => e.key === "Escape" && closeViewer());
}

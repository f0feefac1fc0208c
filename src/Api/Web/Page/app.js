// The clinic page: asks for a key once per browser session, then shows the ask and documents views. Everything it
// does goes through the public API with that key.
import { api, key, ApiError } from "./api.js";
import { apply, initialLanguage, setLanguage, t } from "./i18n.js";
import { initAsk, loadFilters } from "./ask.js";
import { initDocuments, loadDocuments } from "./documents.js";
import { initFeedback } from "./feedback.js";
import { initViewer } from "./viewer.js";

const $ = (id) => document.getElementById(id);
const views = ["ask", "documents"];

function show(view) {
  $("key-view").hidden = view !== "key";
  for (const name of views) {
    $(`${name}-view`).hidden = name !== view;
    const tab = $(`nav-${name}`);
    tab.disabled = view === "key";
    if (name === view) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  $("forget-key").hidden = view === "key";
  if (view === "documents") loadDocuments();
  if (view === "ask") loadFilters();
  if (view === "key") $("key-input").focus();
}

/** A key is good when it may list documents (every key with the ask scope may). */
async function checkKey() {
  try {
    await api.documents("limit=1");
    return true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return false;
    throw error;
  }
}

async function start() {
  setLanguage(initialLanguage());
  $("interface-language").value = document.documentElement.lang;
  $("interface-language").addEventListener("change", (e) => {
    setLanguage(e.target.value);
    if (!$("documents-view").hidden) loadDocuments();
  });
  initAsk();
  initDocuments();
  initFeedback();
  initViewer();
  for (const name of views) $(`nav-${name}`).addEventListener("click", () => show(name));
  $("forget-key").addEventListener("click", () => {
    key.clear();
    show("key");
  });
  $("key-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = $("key-error");
    key.set($("key-input").value.trim());
    if (await checkKey()) {
      error.hidden = true;
      $("key-input").value = "";
      show("ask");
      $("question").focus();
    } else {
      key.clear();
      error.textContent = t("keyRejected");
      error.hidden = false;
    }
  });

  key.takeFromFragment();
  show(key.get() && (await checkKey()) ? "ask" : "key");
  apply(document);
}

start();
